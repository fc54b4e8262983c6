import { randomBytes } from 'node:crypto';
import type { Store } from '../store';

/**
 * The write key Segment clients authenticate with (HTTP Basic, key as the user name).
 * `DRIPAGENT_WRITE_KEY` wins; otherwise one is generated on first run and kept in the store.
 */
export function resolveWriteKey(
  store: Pick<Store, 'meta'>,
  env: NodeJS.ProcessEnv = process.env,
): { key: string; fromEnv: boolean } {
  const fromEnv = env.DRIPAGENT_WRITE_KEY?.trim();
  if (fromEnv) return { key: fromEnv, fromEnv: true };
  let key = store.meta.get('write_key');
  if (!key) {
    key = `dk_${randomBytes(18).toString('base64url')}`;
    store.meta.set('write_key', key);
  }
  return { key, fromEnv: false };
}
