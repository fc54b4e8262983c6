import type pg from 'pg';
import type { TraceSource } from '../../engine/trace';
import { type ClickColumns, clickOf } from '../clicks-repo';
import { type EventRow, rowToEvent } from '../events-repo';
import { decodeJournal } from '../journal-repo';
import { type OutboxRowColumns, outboxRowOf } from '../outbox-repo';
import type { Profile } from '../profiles-repo';
import { decodeRun, type RunRow } from '../runs-repo';
import { normalizeAddress, type SuppressionColumns, toSuppression } from '../suppressions-repo';

/**
 * One user's rows read from PostgreSQL in one snapshot, as the source `traceUser` reads: the trace
 * is built by the same code as on SQLite.
 */
export async function traceSource(pool: pg.Pool, userId: string, limit: number): Promise<TraceSource> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const journal = await client.query<{ at: number; entries: string }>(
      `SELECT at, entries FROM (SELECT id, at, entries FROM journal WHERE user_id = $1 ORDER BY id DESC LIMIT $2) t
       ORDER BY id`,
      [userId, limit],
    );
    const profile = await client.query<{ traits: string; first_seen: number; last_seen: number }>(
      'SELECT traits, first_seen, last_seen FROM profiles WHERE user_id = $1',
      [userId],
    );
    const outbox = await client.query<OutboxRowColumns>(
      'SELECT * FROM outbox WHERE user_id = $1 ORDER BY id DESC LIMIT $2',
      [userId, limit],
    );
    const clicks = await client.query<ClickColumns>(
      'SELECT * FROM email_clicks WHERE outbox_id = ANY($1) ORDER BY outbox_id, at',
      [outbox.rows.map((r) => r.id)],
    );
    const events = await client.query<EventRow>(
      `SELECT message_id, user_id, type, name, ts, body FROM events WHERE user_id = $1
       ORDER BY ts DESC, seq DESC LIMIT $2`,
      [userId, limit],
    );
    const runs = await client.query<RunRow>(
      'SELECT * FROM runs WHERE user_id = $1 ORDER BY entered_at, run_id COLLATE "C"',
      [userId],
    );
    const row = profile.rows[0];
    const stored: Profile | undefined = row && {
      userId,
      traits: JSON.parse(row.traits),
      firstSeen: row.first_seen,
      lastSeen: row.last_seen,
    };
    const email = stored?.traits.email;
    const suppression =
      typeof email === 'string' && !email.includes('\u0000')
        ? (
            await client.query<SuppressionColumns>('SELECT * FROM suppressions WHERE address = $1', [
              normalizeAddress(email),
            ])
          ).rows[0]
        : undefined;
    await client.query('COMMIT');
    return {
      journal: { forUser: () => journal.rows.map((r) => ({ at: r.at, ...decodeJournal(userId, r.entries) })) },
      profiles: { get: () => stored },
      suppressions: { get: () => (suppression ? toSuppression(suppression) : undefined) },
      outbox: { list: () => outbox.rows.map(outboxRowOf) },
      clicks: { forMessages: () => clicks.rows.map(clickOf) },
      events: { timelineOf: () => events.rows.map(rowToEvent) },
      runs: { forUser: () => runs.rows.map(decodeRun) },
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
