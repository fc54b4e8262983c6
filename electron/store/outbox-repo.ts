import type { Database } from 'better-sqlite3';
import type { SentRecord } from '../../shared/engine/types';
import { type ChangeSink, NO_CHANGES } from './changes';

/** What the sender needs to deliver one message. */
export type OutboxPayload =
  | {
      kind: 'email';
      to: string;
      from: string;
      replyTo?: string;
      subject: string;
      html: string;
      text: string;
      /** Only when the journey differs from the default (links tracked, no open pixel). */
      tracking?: { clicks: boolean; opens: boolean };
    }
  | { kind: 'webhook'; url: string; body: string; headers: Record<string, string> };

export interface OutboxRow {
  id: number;
  key: string;
  kind: 'email' | 'webhook';
  runId: string;
  userId: string;
  journeyId: string;
  nodeId: string;
  /** The logical time the interpreter decided to send. */
  at: number;
  createdAt: number;
  payload: OutboxPayload;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  sentAt: number | null;
  lastError: string | null;
}

export interface NewOutboxItem {
  key: string;
  runId: string;
  userId: string;
  journeyId: string;
  nodeId: string;
  at: number;
  payload: OutboxPayload;
}

/**
 * The outbox: effects written in the same transaction as the run state that produced them, and
 * drained by the sender. `key` (run + node + occurrence) is unique, so an effect is stored once.
 */
export interface OutboxRepo {
  /** Adds an item; returns false when its key already exists. */
  add(item: NewOutboxItem, now: number): boolean;
  /** The ids of pending items due at `now`, oldest first, read from the index alone (no payloads). */
  dueIds(now: number, limit: number): number[];
  markSent(id: number, at: number): void;
  /** A transient failure: try again at `nextAttemptAt`. */
  markRetry(id: number, error: string, nextAttemptAt: number): void;
  /** A permanent failure: never retried, shown to the user. */
  markFailed(id: number, error: string, at: number): void;
  get(id: number): OutboxRow | undefined;
  byKey(key: string): OutboxRow | undefined;
  /** Emails decided for a user (any status but failed), for frequency caps. */
  sendsOf(userId: string): SentRecord[];
  list(filter: { userId?: string; status?: OutboxRow['status']; limit: number }): OutboxRow[];
  counts(): { pending: number; sent: number; failed: number };
  /** The earliest pending attempt time, to sleep until then. */
  nextDue(): number | null;
  /** A journey's deliveries of one kind in trouble: still retrying after a failure, or given up. */
  troubles(journeyId: string, kind: OutboxRow['kind']): { retrying: number; failed: number; lastError: string | null };
  /** When emails were sent after `since`, from the index of sent emails (the sending rate limit). */
  sentSince(since: number): number[];
}

/** An outbox row as stored (SQLite and PostgreSQL alike). */
export interface OutboxRowColumns {
  id: number;
  key: string;
  kind: 'email' | 'webhook';
  run_id: string;
  user_id: string;
  journey_id: string;
  node_id: string;
  at: number;
  created_at: number;
  payload: string;
  status: OutboxRow['status'];
  attempts: number;
  next_attempt_at: number;
  sent_at: number | null;
  last_error: string | null;
  /** An email's rendered bodies (null in rows written before migration 008, which keep them in `payload`). */
  html: string | null;
  text: string | null;
}

/** The payload as stored: an email's bodies go in their own columns (see `add`). */
function payloadOf(r: OutboxRowColumns): OutboxPayload {
  const payload = JSON.parse(r.payload) as OutboxPayload;
  if (payload.kind === 'email' && r.html !== null) {
    payload.html = r.html;
    payload.text = r.text ?? '';
  }
  return payload;
}

export const outboxRowOf = (r: OutboxRowColumns): OutboxRow => ({
  id: r.id,
  key: r.key,
  kind: r.kind,
  runId: r.run_id,
  userId: r.user_id,
  journeyId: r.journey_id,
  nodeId: r.node_id,
  at: r.at,
  createdAt: r.created_at,
  payload: payloadOf(r),
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  sentAt: r.sent_at,
  lastError: r.last_error,
});

/**
 * A payload as stored: an email's bodies are kilobytes of HTML, bound as plain text columns they
 * skip JSON's escaping, which cost more than the rest of the row on every email the engine queues.
 */
export function outboxColumns(payload: OutboxPayload): { json: string; html: string | null; text: string | null } {
  if (payload.kind !== 'email') return { json: JSON.stringify(payload), html: null, text: null };
  const { html, text, ...rest } = payload;
  return { json: JSON.stringify(rest), html, text };
}

export function createOutboxRepo(db: Database, changes: ChangeSink = NO_CHANGES): OutboxRepo {
  // Positional parameters: binding an object by name costs more, and this runs once per email.
  const insert = db.prepare<
    [string, string, string, string, string, string, number, number, string, string | null, string | null, number]
  >(
    `INSERT INTO outbox (key, kind, run_id, user_id, journey_id, node_id, at, created_at, payload, html, text, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO NOTHING`,
  );
  const dueIdsStatement = db.prepare<[number, number], number>(
    `SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
  );
  dueIdsStatement.pluck();
  // Each delivery update answers whose message it was: that person's story changed (see changes.ts).
  type Whose = { user_id: string; journey_id: string };
  const sent = db.prepare<[number, number], Whose>(
    `UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?
       RETURNING user_id, journey_id`,
  );
  const retry = db.prepare<[string, number, number], Whose>(
    `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?
       RETURNING user_id, journey_id`,
  );
  const failed = db.prepare<[string, number, number], Whose>(
    `UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?, sent_at = ? WHERE id = ?
       RETURNING user_id, journey_id`,
  );
  const updated = (whose: Whose | undefined) => {
    if (whose !== undefined) changes.person(whose.user_id, whose.journey_id);
  };
  const getStatement = db.prepare<[number], OutboxRowColumns>('SELECT * FROM outbox WHERE id = ?');
  const byKeyStatement = db.prepare<[string], OutboxRowColumns>('SELECT * FROM outbox WHERE key = ?');
  const sends = db.prepare<[string], { at: number; journey_id: string; node_id: string }>(
    `SELECT at, journey_id, node_id FROM outbox WHERE user_id = ? AND kind = 'email' AND status != 'failed' ORDER BY at`,
  );
  const listAll = db.prepare<[number], OutboxRowColumns>('SELECT * FROM outbox ORDER BY id DESC LIMIT ?');
  const listUser = db.prepare<[string, number], OutboxRowColumns>(
    'SELECT * FROM outbox WHERE user_id = ? ORDER BY id DESC LIMIT ?',
  );
  const listStatus = db.prepare<[string, number], OutboxRowColumns>(
    'SELECT * FROM outbox WHERE status = ? ORDER BY id DESC LIMIT ?',
  );
  const countStatement = db.prepare<[], { status: OutboxRow['status']; n: number }>(
    'SELECT status, COUNT(*) AS n FROM outbox GROUP BY status',
  );
  const nextDueStatement = db.prepare<[], { t: number | null }>(
    `SELECT MIN(next_attempt_at) AS t FROM outbox WHERE status = 'pending'`,
  );
  // Read from the partial index outbox_troubled (migration 005): only rows in trouble are in it.
  const troublesStatement = db.prepare<
    [string, string, string, string],
    { retrying: number | null; failed: number | null; last_error: string | null }
  >(
    `SELECT SUM(status = 'pending') AS retrying, SUM(status = 'failed') AS failed,
       (SELECT last_error FROM outbox o WHERE o.journey_id = ? AND o.kind = ? AND (o.status = 'failed' OR o.attempts > 0)
          AND o.status != 'sent' ORDER BY o.id DESC LIMIT 1) AS last_error
     FROM outbox WHERE journey_id = ? AND kind = ? AND (status = 'failed' OR attempts > 0) AND status != 'sent'`,
  );
  const sentSinceStatement = db
    .prepare<[number], number>(
      `SELECT sent_at FROM outbox WHERE status = 'sent' AND kind = 'email' AND sent_at > ? ORDER BY sent_at`,
    )
    .pluck();
  return {
    add: (item, now) => {
      const { json, html, text } = outboxColumns(item.payload);
      const { key, runId, userId, journeyId, nodeId, at } = item;
      return (
        insert.run(key, item.payload.kind, runId, userId, journeyId, nodeId, at, now, json, html, text, now).changes ===
        1
      );
    },
    dueIds: (now, limit) => dueIdsStatement.all(now, limit),
    markSent: (id, at) => updated(sent.get(at, id)),
    markRetry: (id, error, next) => updated(retry.get(error, next, id)),
    markFailed: (id, error, at) => updated(failed.get(error, at, id)),
    get: (id) => {
      const row = getStatement.get(id);
      return row ? outboxRowOf(row) : undefined;
    },
    byKey: (key) => {
      const row = byKeyStatement.get(key);
      return row ? outboxRowOf(row) : undefined;
    },
    sendsOf: (userId) => sends.all(userId).map((r) => ({ at: r.at, journeyId: r.journey_id, nodeId: r.node_id })),
    list: ({ userId, status, limit }) =>
      (userId ? listUser.all(userId, limit) : status ? listStatus.all(status, limit) : listAll.all(limit)).map(
        outboxRowOf,
      ),
    counts: () => {
      const counts = { pending: 0, sent: 0, failed: 0 };
      for (const row of countStatement.all()) counts[row.status] = row.n;
      return counts;
    },
    nextDue: () => nextDueStatement.get()?.t ?? null,
    troubles: (journeyId, kind) => {
      const row = troublesStatement.get(journeyId, kind, journeyId, kind);
      return { retrying: row?.retrying ?? 0, failed: row?.failed ?? 0, lastError: row?.last_error ?? null };
    },
    sentSince: (since) => sentSinceStatement.all(since),
  };
}
