import { readFileSync } from 'node:fs';
import type { MetaRepo } from '../../store/meta-repo';
import type { SecretStore } from './secret-store';
import { type DkimKey, parseSmtpUrl, type SmtpServer } from './smtp-config';

/** What `mail.settings.save` keeps in `app_meta`; the password and DKIM key go to the SecretStore. */
export interface SavedMailSettings {
  server: { host: string; port: number; secure: boolean; user: string | null } | null;
  from: string | null;
  dkim: { domain: string; selector: string } | null;
}

/** Where mail goes right now. */
export type MailRoute = { kind: 'dev-inbox' } | { kind: 'smtp'; source: 'env' | 'settings'; server: SmtpServer };

export interface MailConfig {
  route: MailRoute;
  dkim: (DkimKey & { source: 'env' | 'settings' }) | null;
  from: string | null;
}

export interface SaveMailSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string | null;
  /** undefined keeps the stored password, '' or null removes it. */
  password?: string | null;
  from?: string | null;
  /** undefined keeps the stored DKIM settings, null removes them; a missing privateKey keeps the stored key. */
  dkim?: { domain: string; selector: string; privateKey?: string } | null;
}

export interface MailSettings {
  /** Env wins over saved settings; without either, the dev inbox. Reads fresh every time. */
  resolve(): MailConfig;
  saved(): SavedMailSettings;
  hasPassword(): boolean;
  /**
   * The saved password, only for the server it was saved for (same host, port and user): it must
   * never be sent to another server. `mismatch` when one is stored for another server.
   */
  storedPasswordFor(server: ServerIdentity): string | null | 'mismatch';
  hasDkimKey(): boolean;
  save(input: SaveMailSettings): void;
  /** Back to the dev inbox: forgets the server and its password, keeps the From default and DKIM. */
  clear(): void;
  readonly secretKind: SecretStore['kind'];
}

/** What a stored SMTP password is bound to. */
export interface ServerIdentity {
  host: string;
  port: number;
  user?: string | null;
}

const sameServer = (a: ServerIdentity, b: ServerIdentity) =>
  a.host.trim().toLowerCase() === b.host.trim().toLowerCase() &&
  a.port === b.port &&
  (a.user?.trim() || null) === (b.user?.trim() || null);

/** Said when a stored password would otherwise go to a server it was not saved for. */
export const PASSWORD_FOR_OTHER_SERVER =
  'The saved password is only sent to the server it was saved for (same host, port and user). Type the password for this server, or remove the saved password.';

const META_KEY = 'mail.settings';
const PASSWORD = 'smtp.password';
const DKIM_KEY = 'dkim.private_key';
const EMPTY: SavedMailSettings = { server: null, from: null, dkim: null };

/** The environment variables headless servers configure mail with. */
export interface MailEnvironment {
  /** e.g. `smtp://user:pass@host:587` or `smtps://…`; wins over saved settings. */
  DRIPAGENT_SMTP_URL?: string;
  /** Default From, e.g. `Acme <hello@acme.io>`. */
  DRIPAGENT_MAIL_FROM?: string;
  DRIPAGENT_DKIM_DOMAIN?: string;
  DRIPAGENT_DKIM_SELECTOR?: string;
  /** Path of the PEM private key. */
  DRIPAGENT_DKIM_PRIVATE_KEY_FILE?: string;
}

function envDkim(env: MailEnvironment): MailConfig['dkim'] {
  const { DRIPAGENT_DKIM_DOMAIN: domain, DRIPAGENT_DKIM_SELECTOR: selector } = env;
  const file = env.DRIPAGENT_DKIM_PRIVATE_KEY_FILE;
  if (!domain || !selector || !file) return null;
  return { domain, selector, privateKey: readFileSync(file, 'utf8'), source: 'env' };
}

/**
 * SMTP settings: `DRIPAGENT_SMTP_URL` (and friends) win, else what the user saved in Settings,
 * else the built-in dev inbox.
 * @example const settings = createMailSettings({ meta: store.meta, secrets, env: process.env }); settings.resolve().route.kind // 'dev-inbox'
 * @throws from resolve() when DRIPAGENT_SMTP_URL is malformed
 */
/** Saving another server while keeping a password saved for the previous one. */
export class StoredPasswordMismatch extends Error {}

export function createMailSettings({
  meta,
  secrets,
  env,
}: {
  meta: MetaRepo;
  secrets: SecretStore;
  env: MailEnvironment;
}): MailSettings {
  const saved = (): SavedMailSettings => {
    const text = meta.get(META_KEY);
    return text ? { ...EMPTY, ...(JSON.parse(text) as Partial<SavedMailSettings>) } : EMPTY;
  };
  const write = (settings: SavedMailSettings) => meta.set(META_KEY, JSON.stringify(settings));
  const secret = (name: string) => secrets.get(name) || undefined;

  return {
    secretKind: secrets.kind,
    saved,
    hasPassword: () => secret(PASSWORD) !== undefined,
    storedPasswordFor(server) {
      const password = secret(PASSWORD);
      if (password === undefined) return null;
      const current = saved().server;
      return current && sameServer(current, server) ? password : 'mismatch';
    },
    hasDkimKey: () => secret(DKIM_KEY) !== undefined,
    resolve() {
      const stored = saved();
      const from = env.DRIPAGENT_MAIL_FROM || stored.from;
      const storedKey = secret(DKIM_KEY);
      const dkim =
        envDkim(env) ??
        (stored.dkim && storedKey ? { ...stored.dkim, privateKey: storedKey, source: 'settings' as const } : null);
      if (env.DRIPAGENT_SMTP_URL) {
        return { route: { kind: 'smtp', source: 'env', server: parseSmtpUrl(env.DRIPAGENT_SMTP_URL) }, dkim, from };
      }
      if (stored.server) {
        const server = { ...stored.server, password: secret(PASSWORD) ?? null };
        return { route: { kind: 'smtp', source: 'settings', server }, dkim, from };
      }
      return { route: { kind: 'dev-inbox' }, dkim, from };
    },
    save(input) {
      const current = saved();
      const user = input.user?.trim() || null;
      if (
        input.password === undefined &&
        secret(PASSWORD) !== undefined &&
        !(current.server && sameServer(current.server, { host: input.host, port: input.port, user }))
      ) {
        throw new StoredPasswordMismatch(PASSWORD_FOR_OTHER_SERVER);
      }
      const dkim =
        input.dkim === undefined
          ? current.dkim
          : input.dkim && { domain: input.dkim.domain, selector: input.dkim.selector };
      write({
        server: { host: input.host.trim(), port: input.port, secure: input.secure, user },
        from: input.from === undefined ? current.from : input.from?.trim() || null,
        dkim,
      });
      if (input.password === null || input.password === '') secrets.delete(PASSWORD);
      else if (input.password !== undefined) secrets.set(PASSWORD, input.password);
      if (input.dkim === null) secrets.delete(DKIM_KEY);
      else if (input.dkim?.privateKey) secrets.set(DKIM_KEY, input.dkim.privateKey);
    },
    clear() {
      write({ ...saved(), server: null });
      secrets.delete(PASSWORD);
    },
  };
}
