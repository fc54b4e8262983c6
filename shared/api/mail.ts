import { z } from 'zod';
import { defineHandlers } from './define';

const Id = z.number().int().min(1);
const IsoTime = z.string();
const NoArgs = z.object({}).strict().default({});
const Page = (max: number, fallback: number) => ({
  limit: z.number().int().min(1).max(max).default(fallback),
  offset: z.number().int().min(0).default(0),
});

/** A row of the dev inbox list. `from` and `to` are the SMTP envelope. */
export const InboxSummary = z.object({
  id: Id,
  messageId: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  receivedAt: IsoTime,
  /** The journey, step and user it was sent for, with their names; null for a test send. */
  origin: z
    .object({
      journeyId: z.string(),
      journeyName: z.string(),
      nodeId: z.string(),
      stepTitle: z.string(),
      userId: z.string(),
    })
    .nullable(),
});
export type InboxSummary = z.infer<typeof InboxSummary>;

export const MailHeader = z.object({ name: z.string(), value: z.string() });

/** One dev inbox message as the recipient sees it, parsed. */
export const InboxMessageView = z.object({
  id: Id,
  receivedAt: IsoTime,
  envelope: z.object({ from: z.string(), to: z.string() }),
  subject: z.string(),
  /** The From and To headers as written, e.g. `Acme <hi@acme.io>`. */
  from: z.string(),
  to: z.string(),
  replyTo: z.string().nullable(),
  date: IsoTime.nullable(),
  messageId: z.string().nullable(),
  html: z.string().nullable(),
  text: z.string().nullable(),
  /** The raw `List-Unsubscribe` value, e.g. `<http://127.0.0.1:4010/u/…>, <mailto:…>`. */
  listUnsubscribe: z.string().nullable(),
  listUnsubscribePost: z.string().nullable(),
  /** Every header line in order, values unfolded but not decoded. */
  headers: z.array(MailHeader),
  sizeBytes: z.number().int(),
});
export type InboxMessageView = z.infer<typeof InboxMessageView>;

export const OutboxStatus = z.enum(['pending', 'sent', 'failed']);

/** One outbox row: an email or webhook the engine decided to send, and how its delivery went. */
export const OutboxItem = z.object({
  id: Id,
  key: z.string(),
  kind: z.enum(['email', 'webhook']),
  status: OutboxStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  userId: z.string(),
  journeyId: z.string(),
  nodeId: z.string(),
  runId: z.string(),
  /** When the interpreter decided to send. */
  at: IsoTime,
  createdAt: IsoTime,
  /** For pending rows: the next attempt. */
  nextAttemptAt: IsoTime,
  sentAt: IsoTime.nullable(),
  /** Emails: recipient, subject and Message-ID; webhooks: the URL. */
  to: z.string().nullable(),
  subject: z.string().nullable(),
  messageId: z.string().nullable(),
  url: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export const OutboxCounts = z.object({ pending: z.number().int(), sent: z.number().int(), failed: z.number().int() });

/** What Settings shows about mail. Never carries a password or private key, only whether one is stored. */
export const MailSettingsView = z.object({
  /** Where mail goes now: `none` on an engine of several with no server set (there is no dev inbox there; emails wait). */
  mode: z.enum(['dev-inbox', 'smtp', 'none']),
  /** Who chose the SMTP server: DRIPAGENT_SMTP_URL (wins, read-only here), saved settings, or nobody. */
  source: z.enum(['env', 'settings', 'none']),
  smtp: z
    .object({
      host: z.string(),
      port: z.number().int(),
      secure: z.boolean(),
      user: z.string().nullable(),
      hasPassword: z.boolean(),
    })
    .nullable(),
  /** The default From address. */
  from: z.string().nullable(),
  dkim: z
    .object({
      domain: z.string(),
      selector: z.string(),
      hasPrivateKey: z.boolean(),
      source: z.enum(['env', 'settings']),
    })
    .nullable(),
  devInbox: z.object({ host: z.string(), port: z.number().int().nullable() }),
  /** How passwords are kept: the OS keychain (desktop), a 0600 file (headless), or the shared database (several engines). */
  secretStorage: z.enum(['safe-storage', 'file', 'memory', 'database']),
  /** Unsubscribe links start with this. */
  unsubscribeBaseUrl: z.string(),
});
export type MailSettingsView = z.infer<typeof MailSettingsView>;

const Address = z
  .string()
  .trim()
  .refine((value) => value === '' || /^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/.test(value), {
    message: 'Expected an address like hello@example.com or Name <hello@example.com>',
  });

export const SmtpServerInput = z.object({
  host: z.string().trim().min(1, 'host is required'),
  port: z.number().int().min(1).max(65535),
  /** true: TLS from the start (usually 465); false: STARTTLS when the server offers it (587, 25). */
  secure: z.boolean(),
  user: z.string().nullable().optional(),
  /** Omitted: keep the stored password; '' or null: remove it. */
  password: z.string().nullable().optional(),
});

export const SaveMailSettingsInput = SmtpServerInput.extend({
  from: Address.nullable().optional(),
  /** Omitted: keep; null: remove. A missing privateKey keeps the stored key. */
  dkim: z
    .object({
      domain: z.string().trim().min(1),
      selector: z.string().trim().min(1),
      privateKey: z.string().includes('PRIVATE KEY', { message: 'Expected a PEM private key' }).optional(),
    })
    .nullable()
    .optional(),
}).strict();

export const UnsubscribeItem = z.object({ userId: z.string(), reason: z.string(), at: IsoTime });

/** Mail out: the dev inbox, the outbox, SMTP settings and unsubscribes. */
export const mailApi = defineHandlers({
  /** Newest first; `search` finds words in the subject or recipient, `journeyId` and `userId` filter. */
  'inbox.list': {
    request: z
      .object({
        ...Page(200, 50),
        search: z.string().max(200, 'search is at most 200 characters').optional(),
        journeyId: z.string().max(200).optional(),
        userId: z.string().max(1024).optional(),
      })
      .strict()
      .default({ limit: 50, offset: 0 }),
    response: z.object({ messages: z.array(InboxSummary), total: z.number().int() }),
  },
  'inbox.get': {
    request: z.object({ id: Id }).strict(),
    response: InboxMessageView,
  },
  'inbox.clear': {
    request: NoArgs,
    response: z.object({ deleted: z.number().int() }),
  },
  /** Newest first; filter by user or status. */
  'outbox.list': {
    request: z
      .object({
        status: OutboxStatus.optional(),
        userId: z.string().min(1).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict()
      .default({ limit: 100 }),
    response: z.object({ items: z.array(OutboxItem) }),
  },
  'outbox.counts': {
    request: NoArgs,
    response: OutboxCounts,
  },
  'mail.settings.get': {
    request: NoArgs,
    response: MailSettingsView,
  },
  /** Saves and applies at once (DRIPAGENT_SMTP_URL still wins when set). */
  'mail.settings.save': {
    request: SaveMailSettingsInput,
    response: MailSettingsView,
  },
  /**
   * Connects and logs in without sending: the given (unsaved) server, or what is in use now.
   * A server without `password` uses the stored one.
   */
  'mail.settings.test': {
    request: z.object({ server: SmtpServerInput.optional() }).strict().default({}),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true) }),
      z.object({ ok: z.literal(false), error: z.string() }),
    ]),
  },
  /** Forgets the SMTP server and password: mail goes to the dev inbox again. */
  'mail.settings.clear': {
    request: NoArgs,
    response: MailSettingsView,
  },
  /** Users who unsubscribed, newest first. */
  'mail.unsubscribes.list': {
    request: z.object(Page(500, 100)).strict().default({ limit: 100, offset: 0 }),
    response: z.object({ items: z.array(UnsubscribeItem), total: z.number().int() }),
  },
});
