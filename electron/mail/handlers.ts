import { ApiHandlerError } from '../../shared/api/errors';
import type { OutboxItem } from '../../shared/api/mail';
import { type HandlerRegistry, registerAll } from '../api/registry';
import type { Store } from '../store';
import type { OutboxRow } from '../store/outbox-repo';
import { viewInboxMessage } from './dev-inbox/inbox-view';
import { originNamer } from './dev-inbox/origin-names';
import { messageIdFor } from './outbox/message-id';
import type { MailService } from './service';
import { mailSettingsView, registerMailSettingsHandlers } from './settings/settings-handlers';

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

/** inbox.*, outbox.* and mail.*: the dev inbox, delivery status, SMTP settings, unsubscribes. */
export function registerMailHandlers(registry: HandlerRegistry, { store, mail }: MailHandlerDeps): void {
  const view = () =>
    mailSettingsView({
      settings: mail.settings,
      config: mail.current(),
      devInbox: mail.devInbox,
      baseUrl: mail.baseUrl(),
    });
  registerMailSettingsHandlers(registry, {
    view,
    save: (input) => {
      mail.settings.save(input);
      mail.reconfigure();
    },
    clear: () => {
      mail.settings.clear();
      mail.reconfigure();
    },
    storedPasswordFor: (server) => mail.settings.storedPasswordFor(server),
    testConnection: (server) => mail.testConnection(server),
  });
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

    'mail.unsubscribes.list': ({ limit, offset }) => ({
      items: store.unsubscribes.list(limit, offset).map((u) => ({ userId: u.userId, reason: u.reason, at: iso(u.at) })),
      total: store.unsubscribes.count(),
    }),
  });
}
