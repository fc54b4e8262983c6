import { createTransporter, type MailTransport, smtpTransport, transportOptions } from '../mail/outbox/transport';
import { createMailSettings, type MailConfig, type MailEnvironment } from '../mail/settings/mail-settings';
import type { SecretStore } from '../mail/settings/secret-store';
import { type MailSettingsOps, mailSettingsView } from '../mail/settings/settings-handlers';
import { verifySmtp } from '../mail/settings/verify-smtp';
import type { MetaRepo } from '../store';

/** How long a replaced connection pool stays open for the messages still on it. */
const RETIRE_MS = 120_000;

/**
 * Secrets in the shared app_meta (`secret.NAME`), beside the write key and admin token: every
 * engine reads the SMTP password and DKIM key saved through any of them. A deleted one is empty.
 */
function metaSecrets(meta: MetaRepo): SecretStore {
  return {
    kind: 'database',
    get: (name) => meta.get(`secret.${name}`) || undefined,
    set: (name, value) => meta.set(`secret.${name}`, value),
    delete: (name) => meta.set(`secret.${name}`, ''),
  };
}

export interface PgMailSettings {
  /** The mail settings in force on this engine: DRIPAGENT_SMTP_URL, else the shared saved ones. */
  current(): MailConfig;
  /** The SMTP connection pool for them; null with no server (emails wait; webhooks still go). */
  transport(): MailTransport | null;
  /** Takes the shared settings as last read: a changed server gets a new connection pool. */
  follow(meta: MetaRepo): void;
  /** Settings' email form on this engine; a save reaches every engine within their next read. */
  ops(options: {
    baseUrl: () => string;
    saveShared: (work: (shared: MetaRepo) => void) => Promise<void>;
  }): MailSettingsOps;
  close(): void;
}

/**
 * Mail settings on an engine of several: saved in the database (under the shared-settings lock),
 * so Settings' form on any engine sets the server for all; DRIPAGENT_SMTP_URL still wins.
 * @throws on a malformed DRIPAGENT_SMTP_URL (the engine does not start)
 */
export function createPgMailSettings(env: MailEnvironment, meta: MetaRepo): PgMailSettings {
  const settingsOf = (m: MetaRepo) => createMailSettings({ meta: m, secrets: metaSecrets(m), env });
  let snapshot = meta;
  let config = settingsOf(meta).resolve();
  let signature = '';
  let transporter: ReturnType<typeof createTransporter> | null = null;
  let transport: MailTransport | null = null;
  const retiring = new Map<ReturnType<typeof createTransporter>, NodeJS.Timeout>();

  const apply = (next: MailConfig) => {
    const nextSignature = JSON.stringify(next);
    if (nextSignature === signature) return;
    signature = nextSignature;
    config = next;
    const replaced = transporter;
    transporter = next.route.kind === 'smtp' ? createTransporter(transportOptions(next, null, true)) : null;
    transport = transporter ? smtpTransport(transporter, next.dkim) : null;
    if (replaced) {
      // Kept open a while for the messages still on it; closed at once when the engine stops.
      const timer = setTimeout(() => {
        retiring.delete(replaced);
        replaced.close();
      }, RETIRE_MS);
      timer.unref();
      retiring.set(replaced, timer);
    }
  };
  apply(config);

  return {
    current: () => config,
    transport: () => transport,
    follow(next) {
      snapshot = next;
      apply(settingsOf(next).resolve());
    },
    ops: ({ baseUrl, saveShared }) => ({
      view: () => mailSettingsView({ settings: settingsOf(snapshot), config, devInbox: null, baseUrl: baseUrl() }),
      save: (input) => saveShared((shared) => settingsOf(shared).save(input)),
      clear: () => saveShared((shared) => settingsOf(shared).clear()),
      storedPasswordFor: (server) => settingsOf(snapshot).storedPasswordFor(server),
      async testConnection(server) {
        if (!server && config.route.kind !== 'smtp') {
          return { ok: false, error: 'No SMTP server is set: fill in the server first.' };
        }
        return verifySmtp(server ? { ...config, route: { kind: 'smtp', source: 'settings', server } } : config, null);
      },
    }),
    close() {
      for (const [replaced, timer] of retiring) {
        clearTimeout(timer);
        replaced.close();
      }
      retiring.clear();
      transporter?.close();
      transporter = null;
      transport = null;
    },
  };
}
