import type pg from 'pg';
import type { Outcome, RunState, SentRecord, TrackEvent, UserEvent } from '../../../shared/engine/types';
import { START_EVENT } from '../../../shared/metrics/funnel-types';
import { type DayCounter, type DayCounts, mergedProperties } from '../event-stats';
import { type EventRow, rowToEvent } from '../events-repo';
import { encodeJournal, type JournalBatch } from '../journal-repo';
import { type NewOutboxItem, outboxColumns } from '../outbox-repo';
import { decodeRun, encodeRunEntry, encodeRunStep, type RunRow } from '../runs-repo';

/** A connection inside a transaction (a pool client between BEGIN and COMMIT). */
export type Sql = Pick<pg.PoolClient, 'query'>;

/**
 * The rows of the users an engine is deciding for, read and written in batches: one statement per
 * table for the whole batch (arrays bound as parameters), never one per user. The caller holds
 * the users' head rows locked (see heads.ts) for the whole transaction.
 */

/** What the interpreter needs of each user, as stored. */
export interface StoredUser {
  traits: Record<string, unknown> | undefined;
  /** The user's track events in event-time order: all of them, or those stored after `since`. */
  events: TrackEvent[];
  runs: RunState[];
  sends: SentRecord[];
  /** The newest stored track event's `seq` among those read (`since` when none was newer). */
  eventSeq: number;
}

export async function loadUsers(
  sql: Sql,
  userIds: readonly string[],
  since: ReadonlyMap<string, number> = new Map(),
): Promise<Map<string, StoredUser>> {
  const users = new Map<string, StoredUser>();
  for (const userId of userIds) {
    users.set(userId, { traits: undefined, events: [], runs: [], sends: [], eventSeq: since.get(userId) ?? 0 });
  }
  if (userIds.length === 0) return users;
  const ids = [userIds];
  // One after the other: a connection runs one statement at a time.
  const profiles = await sql.query<{ user_id: string; traits: string }>(
    'SELECT user_id, traits FROM profiles WHERE user_id = ANY($1)',
    ids,
  );
  // Each user's rows through their index, one user after the other (a lateral subquery kept
  // apart by OFFSET 0): planned as a join, it became a hash join over a scan of the whole table
  // whenever a table grew faster than its statistics (a new database, a burst), in every batch.
  const eachUser = (select: string) =>
    `FROM unnest($1::text[]) WITH ORDINALITY AS x(u, i) CROSS JOIN LATERAL (${select} OFFSET 0) AS r`;
  // Only what was stored after `since` for a user whose earlier events the caller holds.
  const events = await sql.query<EventRow & { seq: number }>(
    `SELECT r.message_id, r.user_id, r.type, r.name, r.ts, r.body, r.seq
     ${eachUser("SELECT * FROM events WHERE user_id = x.u AND seq > ($2::bigint[])[x.i] AND type = 'track'")}
     ORDER BY r.ts, r.seq`,
    [userIds, userIds.map((userId) => since.get(userId) ?? 0)],
  );
  const runs = await sql.query<RunRow>(
    `SELECT r.* ${eachUser('SELECT * FROM runs WHERE user_id = x.u')} ORDER BY r.entered_at, r.run_id COLLATE "C"`,
    ids,
  );
  const sends = await sql.query<{ user_id: string; at: number; journey_id: string; node_id: string }>(
    `SELECT r.user_id, r.at, r.journey_id, r.node_id
     ${eachUser("SELECT * FROM outbox WHERE user_id = x.u AND kind = 'email' AND status != 'failed'")}
     ORDER BY r.at, r.id`,
    ids,
  );
  const of = (userId: string) => users.get(userId) as StoredUser;
  for (const row of profiles.rows) of(row.user_id).traits = JSON.parse(row.traits);
  for (const row of events.rows) {
    const user = of(row.user_id);
    user.events.push(rowToEvent(row) as TrackEvent);
    if (row.seq > user.eventSeq) user.eventSeq = row.seq;
  }
  for (const row of runs.rows) of(row.user_id).runs.push(decodeRun(row));
  for (const row of sends.rows) {
    of(row.user_id).sends.push({ at: row.at, journeyId: row.journey_id, nodeId: row.node_id });
  }
  return users;
}

/**
 * Stores events, the same message id once (the first one given, or one already stored);
 * returns the message ids stored now, with their `seq`. Counts per name and day gather in `counter`.
 */
export async function insertEvents(
  sql: Sql,
  events: readonly UserEvent[],
  receivedAt: number,
  counter: DayCounter,
): Promise<Map<string, number>> {
  const first = new Map<string, UserEvent>();
  for (const event of events) {
    if (first.has(event.messageId)) {
      if (event.type === 'track') counter.duplicate(event.event, event.timestamp);
    } else first.set(event.messageId, event);
  }
  const unique = [...first.values()];
  if (unique.length === 0) return new Map();
  const { rows } = await sql.query<{ seq: number; message_id: string }>(
    `INSERT INTO events (message_id, user_id, type, name, ts, received_at, body)
     SELECT m, u, t, n, ts, $6, b FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $7::text[])
       WITH ORDINALITY AS x(m, u, t, n, ts, b, i) ORDER BY i
     ON CONFLICT (message_id) DO NOTHING RETURNING seq, message_id`,
    [
      unique.map((e) => e.messageId),
      unique.map((e) => e.userId),
      unique.map((e) => e.type),
      unique.map((e) => (e.type === 'track' ? e.event : '')),
      unique.map((e) => e.timestamp),
      receivedAt,
      unique.map((e) => JSON.stringify(e.type === 'track' ? e.properties : e.traits)),
    ],
  );
  const stored = new Map(rows.map((r) => [r.message_id, r.seq]));
  // The funnel's cohort: each user's first integration_started (one row per user per statement).
  const starts = new Map<string, { ts: number; seq: number }>();
  for (const event of unique) {
    if (event.type !== 'track') continue;
    const seq = stored.get(event.messageId);
    if (seq === undefined) {
      counter.duplicate(event.event, event.timestamp);
      continue;
    }
    counter.stored(event.event, event.timestamp, receivedAt, event.properties);
    if (event.event !== START_EVENT) continue;
    const before = starts.get(event.userId);
    if (!before || event.timestamp < before.ts) starts.set(event.userId, { ts: event.timestamp, seq });
  }
  if (starts.size > 0) {
    await sql.query(
      `INSERT INTO funnel_starts (user_id, first_ts, start_seq) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
       ON CONFLICT (user_id) DO UPDATE SET first_ts = excluded.first_ts, start_seq = excluded.start_seq
       WHERE excluded.first_ts < funnel_starts.first_ts`,
      [[...starts.keys()], [...starts.values()].map((s) => s.ts), [...starts.values()].map((s) => s.seq)],
    );
  }
  return stored;
}

/** Writes the per-day counts gathered in the transaction (rows locked in day and name order). */
export async function writeDayCounts(sql: Sql, all: readonly DayCounts[]): Promise<void> {
  for (const c of all) {
    const { rows } = await sql.query<{ properties: string }>(
      `INSERT INTO event_days (name, day, events, duplicates, late) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (name, day) DO UPDATE SET events = event_days.events + excluded.events,
         duplicates = event_days.duplicates + excluded.duplicates, late = event_days.late + excluded.late
       RETURNING properties`,
      [c.name, c.day, c.events, c.duplicates, c.late],
    );
    if (c.properties.size === 0) continue;
    await sql.query('UPDATE event_days SET properties = $1 WHERE name = $2 AND day = $3', [
      mergedProperties(rows[0]?.properties, c),
      c.name,
      c.day,
    ]);
  }
}

/** The rows of a batch of users' decisions (see UserWrites), flattened across users. */
export interface RowsToWrite {
  runs: { run: RunState; isNew: boolean }[];
  outbox: NewOutboxItem[];
  skips: Outcome[];
  journal: { userId: string; batch: JournalBatch }[];
  profiles: { userId: string; traits: Record<string, unknown> }[];
}

/** Writes a batch's rows, one statement per table; returns how many outbox rows were added. */
export async function writeRows(sql: Sql, rows: RowsToWrite, now: number): Promise<number> {
  if (rows.runs.length > 0) {
    const runs = rows.runs.map((r) => r.run);
    await sql.query(
      `INSERT INTO runs (run_id, user_id, journey_id, version, status, node_id, wake_at, entered_at, ended_at, end_reason, entry, state)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::bigint[],
         $8::bigint[], $9::bigint[], $10::text[], $11::text[], $12::text[])
       ON CONFLICT (run_id) DO UPDATE SET status = excluded.status, node_id = excluded.node_id,
         wake_at = excluded.wake_at, ended_at = excluded.ended_at, end_reason = excluded.end_reason, state = excluded.state`,
      [
        runs.map((r) => r.runId),
        runs.map((r) => r.userId),
        runs.map((r) => r.journeyId),
        runs.map((r) => r.version),
        runs.map((r) => r.status),
        runs.map((r) => r.nodeId),
        runs.map((r) => (r.status === 'active' ? r.wakeAt : null)),
        runs.map((r) => r.enteredAt),
        runs.map((r) => r.endedAt),
        runs.map((r) => r.endReason),
        runs.map(encodeRunEntry),
        runs.map(encodeRunStep),
      ],
    );
  }
  if (rows.skips.length > 0) {
    await sql.query(
      `INSERT INTO journey_skips (journey_id, node_id, user_id, reason, at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])`,
      [
        rows.skips.map((s) => s.journeyId),
        rows.skips.map((s) => s.nodeId),
        rows.skips.map((s) => s.userId),
        rows.skips.map((s) => s.reason ?? 'unknown'),
        rows.skips.map((s) => s.at),
      ],
    );
  }
  let added = 0;
  if (rows.outbox.length > 0) {
    const columns = rows.outbox.map((item) => outboxColumns(item.payload));
    const result = await sql.query(
      `INSERT INTO outbox (key, kind, run_id, user_id, journey_id, node_id, at, created_at, payload, html, text, next_attempt_at)
       SELECT k, kind, r, u, j, n, at, $8, p, h, t, $8
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $9::text[],
         $10::text[], $11::text[]) AS x(k, kind, r, u, j, n, at, p, h, t)
       ON CONFLICT (key) DO NOTHING`,
      [
        rows.outbox.map((o) => o.key),
        rows.outbox.map((o) => o.payload.kind),
        rows.outbox.map((o) => o.runId),
        rows.outbox.map((o) => o.userId),
        rows.outbox.map((o) => o.journeyId),
        rows.outbox.map((o) => o.nodeId),
        rows.outbox.map((o) => o.at),
        now,
        columns.map((c) => c.json),
        columns.map((c) => c.html),
        columns.map((c) => c.text),
      ],
    );
    added = result.rowCount ?? 0;
  }
  if (rows.journal.length > 0) {
    await sql.query(
      'INSERT INTO journal (user_id, at, entries) SELECT u, $2, e FROM unnest($1::text[], $3::text[]) AS x(u, e)',
      [rows.journal.map((j) => j.userId), now, rows.journal.map((j) => encodeJournal(j.batch))],
    );
  }
  if (rows.profiles.length > 0) {
    await sql.query(
      `INSERT INTO profiles (user_id, traits, first_seen, last_seen) SELECT u, t, $3, $3 FROM unnest($1::text[], $2::text[]) AS x(u, t)
       ON CONFLICT (user_id) DO UPDATE SET traits = excluded.traits, last_seen = GREATEST(profiles.last_seen, excluded.last_seen)`,
      [rows.profiles.map((p) => p.userId), rows.profiles.map((p) => JSON.stringify(p.traits)), now],
    );
  }
  return added;
}
