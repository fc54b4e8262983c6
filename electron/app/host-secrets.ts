import { resolveAdminToken } from '../api/http/admin-auth';
import { resolveWriteKey } from '../engine/write-key';
import { webhookSecret } from '../mail/suppression/postmark-route';
import { trackingSecret } from '../mail/tracking/tracking-links';
import { unsubscribeSecret } from '../mail/unsubscribe/unsubscribe-links';
import type { MetaRepo } from '../store/meta-repo';

/**
 * Everything a host signs or checks with, which every engine on one database must share: links
 * one engine signs are opened through another, and any engine takes any request. Each comes from
 * its environment variable when set, else is created once and kept in the database.
 */
export interface HostSecrets {
  writeKey: string;
  /** Whether DRIPAGENT_WRITE_KEY set it (the banner and Settings say so). */
  writeKeyFromEnv: boolean;
  adminToken: string;
  /** Whether DRIPAGENT_ADMIN_TOKEN set it. */
  adminTokenFromEnv: boolean;
  unsubscribeSecret: string;
  trackingSecret: string;
  webhookSecret: string;
}

export function hostSecrets(meta: MetaRepo, env: Record<string, string | undefined> = process.env): HostSecrets {
  const writeKey = resolveWriteKey({ meta }, env);
  const adminToken = resolveAdminToken(meta, env);
  return {
    writeKey: writeKey.key,
    writeKeyFromEnv: writeKey.fromEnv,
    adminToken: adminToken.token,
    adminTokenFromEnv: adminToken.fromEnv,
    unsubscribeSecret: unsubscribeSecret(meta),
    trackingSecret: trackingSecret(meta),
    webhookSecret: webhookSecret(meta, env),
  };
}
