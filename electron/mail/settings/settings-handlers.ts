import { createPrivateKey } from 'node:crypto';
import { ApiHandlerError } from '../../../shared/api/errors';
import type { MailSettingsView } from '../../../shared/api/mail';
import { type HandlerRegistry, registerAll } from '../../api/registry';
import type { Awaitable } from '../../store/awaitable';
import {
  type MailConfig,
  type MailSettings,
  PASSWORD_FOR_OTHER_SERVER,
  type SaveMailSettings,
  type ServerIdentity,
  StoredPasswordMismatch,
} from './mail-settings';
import type { SmtpServer } from './smtp-config';

type TestResult = { ok: true } | { ok: false; error: string };

/**
 * What Settings' email form works on, wherever the settings are kept: the data folder's (with a
 * dev inbox), or the shared database of several engines (no dev inbox; every engine follows).
 */
export interface MailSettingsOps {
  view(): Awaitable<MailSettingsView>;
  /** @throws StoredPasswordMismatch */
  save(input: SaveMailSettings): Awaitable<void>;
  clear(): Awaitable<void>;
  storedPasswordFor(server: ServerIdentity): Awaitable<string | null | 'mismatch'>;
  testConnection(server?: SmtpServer): Promise<TestResult>;
}

/** What Settings shows of the mail settings in force (never a password or a key). */
export function mailSettingsView(source: {
  settings: MailSettings;
  config: MailConfig;
  /** The dev inbox's address; null where there is none (several engines): no server then reads `none`. */
  devInbox: { host: string; port: number | null } | null;
  baseUrl: string;
}): MailSettingsView {
  const { settings, config } = source;
  const saved = settings.saved();
  const route = config.route;
  const dkim = config.dkim ?? (saved.dkim ? { ...saved.dkim, source: 'settings' as const } : null);
  return {
    mode: route.kind === 'smtp' ? 'smtp' : source.devInbox ? 'dev-inbox' : 'none',
    source: route.kind === 'smtp' ? route.source : 'none',
    smtp:
      route.kind === 'smtp'
        ? {
            host: route.server.host,
            port: route.server.port,
            secure: route.server.secure,
            user: route.server.user,
            hasPassword: route.server.password !== null,
          }
        : null,
    from: config.from,
    dkim: dkim && {
      domain: dkim.domain,
      selector: dkim.selector,
      hasPrivateKey: dkim.source === 'env' || settings.hasDkimKey(),
      source: dkim.source,
    },
    devInbox: source.devInbox ? { host: source.devInbox.host, port: source.devInbox.port } : { host: '', port: null },
    secretStorage: settings.secretKind,
    unsubscribeBaseUrl: source.baseUrl,
  };
}

/** mail.settings.*: the same rules on either store (a DKIM key that reads, a password only for its server). */
export function registerMailSettingsHandlers(registry: HandlerRegistry, ops: MailSettingsOps): void {
  registerAll(registry, {
    'mail.settings.get': () => ops.view(),

    'mail.settings.save': async (input) => {
      if (input.dkim?.privateKey) {
        try {
          createPrivateKey(input.dkim.privateKey);
        } catch (error) {
          throw new ApiHandlerError('conflict', `The DKIM private key could not be read: ${(error as Error).message}`);
        }
      }
      try {
        await ops.save(input);
      } catch (error) {
        if (error instanceof StoredPasswordMismatch) throw new ApiHandlerError('conflict', error.message);
        throw error;
      }
      return ops.view();
    },

    'mail.settings.test': async ({ server }) => {
      if (!server) return ops.testConnection();
      const user = server.user?.trim() || null;
      let password = server.password || null;
      if (server.password === undefined) {
        const stored = await ops.storedPasswordFor({ host: server.host, port: server.port, user });
        // Another server with a user name and no typed password: refuse before connecting, so the
        // saved password never leaves for a host it was not saved for.
        if (stored === 'mismatch') {
          if (user) return { ok: false as const, error: PASSWORD_FOR_OTHER_SERVER };
        } else {
          password = stored;
        }
      }
      return ops.testConnection({ host: server.host, port: server.port, secure: server.secure, user, password });
    },

    'mail.settings.clear': async () => {
      await ops.clear();
      return ops.view();
    },
  });
}
