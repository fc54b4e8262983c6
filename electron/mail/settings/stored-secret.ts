import { randomBytes } from 'node:crypto';
import type { MetaRepo } from '../../store/meta-repo';

/**
 * A signing secret of this data folder, generated on first use and kept in `app_meta` under `key`,
 * so links keep working across restarts.
 * @example storedSecret(store.meta, 'mail.tracking_secret') // 'Xq3…' (the same on every call)
 */
export function storedSecret(meta: MetaRepo, key: string, bytes = 32): string {
  const existing = meta.get(key);
  if (existing) return existing;
  const secret = randomBytes(bytes).toString('base64url');
  meta.set(key, secret);
  return secret;
}
