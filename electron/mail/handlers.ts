import { createPrivateKey } from 'node:crypto';
import { ApiHandlerError } from '../../shared/api/errors';
import type { MailSettingsView, OutboxItem } from '../../shared/api/mail';
import { type HandlerRegistry, registerAll } from '../api/registry';
import type { Store } from '../store';
import type { OutboxRow } from '../store/outbox-repo';
import { viewInboxMessage } from './dev-inbox/inbox-view';
import { originNamer } from './dev-inbox/origin-names';
import { messageIdFor } from './outbox/message-id';
import type { MailService } from './service';
import { PASSWORD_FOR_OTHER_SERVER, StoredPasswordMismatch } from './settings/mail-settings';

export interface MailHandlerDeps {
  store: Store;
  mail: MailService;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function outboxItem(row: OutboxRow): OutboxItem {
  const email = row.payload.kind === 'email' ? row.payload : undefined;
  return {
    id: row.id,
    key: row.key,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    userId: row.userId,
    journeyId: row.journeyId,
    nodeId: row.nodeId,
    runId: row.runId,
    at: iso(row.at),
    createdAt: iso(row.createdAt),
    nextAttemptAt: iso(row.nextAttemptAt),
    sentAt: row.sentAt === null ? null : iso(row.sentAt),
    to: email?.to ?? null,
    subject: email?.subject ?? null,
    messageId: email ? messageIdFor(row.key, email.from) : null,
    url: row.payload.kind === 'webhook' ? row.payload.url : null,
  };
}

function settingsView(mail: MailService): MailSettingsView {
  const { settings, devInbox } = mail;
  const config = mail.current();
  const saved = settings.saved();
  const route = config.route;
  const dkim = config.dkim ?? (saved.dkim ? { ...saved.dkim, source: 'settings' as const } : null);
  return {
    mode: route.kind,
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
    devInbox: { host: devInbox.host, port: devInbox.port },
    secretStorage: settings.secretKind,
    unsubscribeBaseUrl: mail.baseUrl(),
  };
}

/** inbox.*, outbox.* and mail.*: the dev inbox, delivery status, SMTP settings, unsubscribes. */
export function registerMailHandlers(registry: HandlerRegistry, { store, mail }: MailHandlerDeps): void {
  registerAll(registry, {
    'inbox.list': ({ limit, offset, ...filter }) => {
      const names = originNamer(store);
      return {
        messages: store.inbox.list(limit, offset, filter).map((m) => {
          const origin = m.origin && names(m.origin.journeyId);
          return {
            id: m.id,
            messageId: m.messageId,
            from: m.mailFrom,
            to: m.rcptTo,
            subject: m.subject,
            receivedAt: iso(m.receivedAt),
            origin: m.origin && {
              ...m.origin,
              journeyName: origin?.journey ?? m.origin.journeyId,
              stepTitle: origin?.steps.get(m.origin.nodeId) ?? m.origin.nodeId,
            },
          };
        }),
        total: store.inbox.count(filter),
      };
    },

    'inbox.get': async ({ id }) => {
      const message = store.inbox.get(id);
      if (!message) throw new ApiHandlerError('not_found', `There is no message ${id} in the dev inbox`);
      return viewInboxMessage(message);
    },

    'inbox.clear': () => {
      const deleted = store.inbox.count();
      store.inbox.clear();
      return { deleted };
    },

    'outbox.list': ({ status, userId, limit }) => {
      const rows = store.outbox.list({ userId, status, limit });
      // The repo filters by user or by status; both at once narrows here.
      const filtered = userId && status ? rows.filter((row) => row.status === status) : rows;
      return { items: filtered.map(outboxItem) };
    },

    'outbox.counts': () => store.outbox.counts(),

    'mail.settings.get': () => settingsView(mail),

    'mail.settings.save': (input) => {
      if (input.dkim?.privateKey) {
        try {
          createPrivateKey(input.dkim.privateKey);
        } catch (error) {
          throw new ApiHandlerError('conflict', `The DKIM private key could not be read: ${(error as Error).message}`);
        }
      }
      try {
        mail.settings.save(input);
      } catch (error) {
        if (error instanceof StoredPasswordMismatch) throw new ApiHandlerError('conflict', error.message);
        throw error;
      }
      mail.reconfigure();
      return settingsView(mail);
    },

    'mail.settings.test': ({ server }) => {
      if (!server) return mail.testConnection();
      const user = server.user?.trim() || null;
      let password = server.password || null;
      if (server.password === undefined) {
        const stored = mail.settings.storedPasswordFor({ host: server.host, port: server.port, user });
        // Another server with a user name and no typed password: refuse before connecting, so the
        // saved password never leaves for a host it was not saved for.
        if (stored === 'mismatch') {
          if (user) return { ok: false as const, error: PASSWORD_FOR_OTHER_SERVER };
        } else {
          password = stored;
        }
      }
      return mail.testConnection({ host: server.host, port: server.port, secure: server.secure, user, password });
    },

    'mail.settings.clear': () => {
      mail.settings.clear();
      mail.reconfigure();
      return settingsView(mail);
    },

    'mail.unsubscribes.list': ({ limit, offset }) => ({
      items: store.unsubscribes.list(limit, offset).map((u) => ({ userId: u.userId, reason: u.reason, at: iso(u.at) })),
      total: store.unsubscribes.count(),
    }),
  });
}
