import { createPgSender } from '../../../electron/mail/outbox/pg-sender';
import type { RetryPolicy } from '../../../electron/mail/outbox/retry';
import type { OutboxSender } from '../../../electron/mail/outbox/sender';
import type { MailTransport } from '../../../electron/mail/outbox/transport';
import type { SendingRate } from '../../../electron/mail/settings/sending-rate';
import { createSuppressions } from '../../../electron/mail/suppression/suppressions';
import {
  type NewOutboxItem,
  type OutboxRow,
  type OutboxRowColumns,
  outboxRowOf,
} from '../../../electron/store/outbox-repo';
import { migratePostgres } from '../../../electron/store/pg/migrate';
import { pgMigrations } from '../../../electron/store/pg/migrations';
import { openPostgres } from '../../../electron/store/pg/pool';
import { writeRows } from '../../../electron/store/pg/user-rows';
import { type Suppression, type SuppressionColumns, toSuppression } from '../../../electron/store/suppressions-repo';
import type { TestPostgres } from '../../postgres';
import { links, type TestClock, tempStore, testSender } from '../fixtures';

/**
 * An outbox and its sender, whichever the database: the sender contract runs the same tests on
 * SQLite's sender and on PostgreSQL's (claims), and reads rows back the same way.
 */
export interface OutboxUnderTest {
  add(item: NewOutboxItem, now: number): Promise<void>;
  byKey(key: string): Promise<OutboxRow | undefined>;
  unsubscribe(userId: string, at: number): Promise<void>;
  sender(clock: TestClock, transport: MailTransport, retry?: RetryPolicy, rate?: () => SendingRate): OutboxSender;
  /** How many emails are recorded sent. */
  sentCount(): Promise<number>;
  /** Why an address is suppressed, if it is. */
  suppression(address: string): Promise<Suppression | undefined>;
  close(): Promise<void>;
}

const RETRY: RetryPolicy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 5, jitter: 0 };

export async function sqliteOutbox(): Promise<OutboxUnderTest> {
  const data = tempStore();
  return {
    add: async (item, now) => void data.store.outbox.add(item, now),
    byKey: async (key) => data.store.outbox.byKey(key),
    unsubscribe: async (userId, at) => void data.store.unsubscribes.add(userId, 'one-click', at),
    sender: (clock, transport, retry = RETRY, rate) =>
      testSender(data.store, clock, transport, {
        retry,
        suppressions: createSuppressions({ store: data.store, clock }),
        ...(rate ? { rate } : {}),
      }),
    suppression: async (address) => data.store.suppressions.get(address),
    sentCount: async () => data.store.outbox.counts().sent,
    close: async () => data.cleanup(),
  };
}

export async function postgresOutbox(server: TestPostgres): Promise<OutboxUnderTest> {
  const pool = openPostgres(await server.createDatabase(), { size: 6, engineId: 'contract' });
  await migratePostgres(pool, pgMigrations, 'the test database');
  let senders = 0;
  return {
    add: async (item, now) =>
      void (await writeRows(pool, { runs: [], outbox: [item], skips: [], journal: [], profiles: [] }, now)),
    byKey: async (key) => {
      const { rows } = await pool.query<OutboxRowColumns>('SELECT * FROM outbox WHERE key = $1', [key]);
      return rows[0] ? outboxRowOf(rows[0]) : undefined;
    },
    unsubscribe: async (userId, at) =>
      void (await pool.query("INSERT INTO unsubscribes (user_id, reason, at) VALUES ($1, 'one-click', $2)", [
        userId,
        at,
      ])),
    sender: (clock, transport, retry = RETRY, rate) =>
      createPgSender({
        pool,
        senderId: `sender-${++senders}`,
        clock,
        transport,
        links,
        retry,
        pollMs: 50,
        ...(rate ? { rate } : {}),
      }),
    sentCount: async () =>
      (await pool.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM outbox WHERE status = 'sent'")).rows[0]?.n ?? 0,
    suppression: async (address) => {
      const { rows } = await pool.query<SuppressionColumns>('SELECT * FROM suppressions WHERE address = $1', [address]);
      return rows[0] ? toSuppression(rows[0]) : undefined;
    },
    close: () => pool.end(),
  };
}
