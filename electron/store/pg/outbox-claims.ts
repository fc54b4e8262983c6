import type pg from 'pg';
import { type OutboxRow, type OutboxRowColumns, outboxRowOf } from '../outbox-repo';
import { normalizeAddress, type Suppression, type SuppressionColumns, toSuppression } from '../suppressions-repo';
import { inTransaction } from './transaction';
import type { Sql } from './user-rows';

/** Milliseconds on the database's clock: claims are between engines, whatever their own clocks say. */
const DB_NOW = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';

/**
 * How long a claim lasts: longer than an SMTP conversation can (socket timeout 60 s, see
 * SMTP_TIMEOUTS) and a webhook's timeout, so a sender never loses a row it is still delivering.
 */
export const CLAIM_MS = 5 * 60_000;

/**
 * The outbox on PostgreSQL for several senders (migration 003): each claims the due rows it will
 * deliver with `FOR UPDATE SKIP LOCKED`, so two never take one row, and every write of an outcome
 * or a handoff is fenced by the claim: a sender whose claim ran out, or was taken over after it
 * ran out, writes nothing and abandons the message before its final `.`.
 */

/** A sending rate limit (Settings' sending rate): null is no limit. */
export interface RateLimit {
  perMinute: number | null;
  perHour: number | null;
}
const NO_LIMIT: RateLimit = { perMinute: null, perHour: null };

/** The advisory lock under which senders weigh the sending rate limit against what all of them sent. */
const RATE_LOCK = 0x44524952;
const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * Claims up to `limit` due rows of one kind that nobody holds and no crashed sender may have
 * handed off. With a sending rate limit, emails are claimed only within what is left of it once
 * every sender's emails count: those sent in the last minute and hour (engine time) and those
 * claimed and not yet recorded.
 */
export async function claimDue(
  pool: pg.Pool,
  sender: string,
  kind: OutboxRow['kind'],
  now: number,
  limit: number,
  claimMs = CLAIM_MS,
  rate: RateLimit = NO_LIMIT,
): Promise<OutboxRow[]> {
  if (limit <= 0) return [];
  const limited = kind === 'email' && (rate.perMinute !== null || rate.perHour !== null);
  if (!limited) return claim(pool, sender, kind, now, limit, claimMs);
  return inTransaction(pool, async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [RATE_LOCK]);
    const { rows } = await sql.query<{ minute: number; hour: number }>(
      `SELECT
         COUNT(*) FILTER (WHERE status = 'sent' AND sent_at > $1)::int
           + COUNT(*) FILTER (WHERE status = 'pending' AND claim_until > ${DB_NOW})::int AS minute,
         COUNT(*) FILTER (WHERE status = 'sent' AND sent_at > $2)::int
           + COUNT(*) FILTER (WHERE status = 'pending' AND claim_until > ${DB_NOW})::int AS hour
       FROM outbox WHERE kind = 'email' AND ((status = 'sent' AND sent_at > $2) OR (status = 'pending' AND claim_until IS NOT NULL))`,
      [now - MINUTE, now - HOUR],
    );
    const used = rows[0] ?? { minute: 0, hour: 0 };
    const left = Math.min(
      limit,
      rate.perMinute === null ? limit : rate.perMinute - used.minute,
      rate.perHour === null ? limit : rate.perHour - used.hour,
    );
    return left > 0 ? claim(sql, sender, kind, now, left, claimMs) : [];
  });
}

async function claim(
  sql: Sql,
  sender: string,
  kind: OutboxRow['kind'],
  now: number,
  limit: number,
  claimMs: number,
): Promise<OutboxRow[]> {
  const { rows } = await sql.query<OutboxRowColumns>(
    `UPDATE outbox o SET claimed_by = $1, claim_until = ${DB_NOW} + $5
     FROM (SELECT id FROM outbox
           WHERE status = 'pending' AND kind = $2 AND next_attempt_at <= $3
             AND (claim_until IS NULL OR claim_until < ${DB_NOW})
             AND NOT EXISTS (SELECT 1 FROM outbox_handoffs h WHERE h.outbox_id = outbox.id)
           ORDER BY next_attempt_at, id LIMIT $4
           FOR UPDATE SKIP LOCKED) due
     WHERE o.id = due.id
     RETURNING o.*`,
    [sender, kind, now, limit, claimMs],
  );
  return rows.map(outboxRowOf).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id);
}

/**
 * Records that a message is handed to the SMTP server, right before its final `.`, if this sender
 * still holds the row's claim.
 * @throws when it does not: the message must be abandoned
 */
export async function recordHandoff(pool: pg.Pool, sender: string, id: number, at: number): Promise<void> {
  const { rowCount } = await pool.query(
    `INSERT INTO outbox_handoffs (outbox_id, at)
     SELECT id, $3 FROM outbox WHERE id = $1 AND claimed_by = $2 AND claim_until > ${DB_NOW} AND status = 'pending'
     ON CONFLICT (outbox_id) DO UPDATE SET at = excluded.at`,
    [id, sender, at],
  );
  if (rowCount !== 1) throw new Error(`outbox row ${id} is no longer claimed by this sender`);
}

/** An attempt's outcome, as the sender decided it. */
export type Outcome =
  | { status: 'sent'; at: number }
  | { status: 'retry'; error: string; nextAttemptAt: number }
  | { status: 'failed'; error: string; at: number };

/**
 * Writes an attempt's outcome and closes its handoff, if this sender still holds the claim, in the
 * caller's transaction; false when it does not (nothing is written).
 */
export async function recordOutcome(sql: Sql, sender: string, id: number, outcome: Outcome): Promise<boolean> {
  const set =
    outcome.status === 'sent'
      ? { sql: `status = 'sent', sent_at = $3, last_error = NULL`, values: [outcome.at] }
      : outcome.status === 'retry'
        ? { sql: 'last_error = $3, next_attempt_at = $4', values: [outcome.error, outcome.nextAttemptAt] }
        : { sql: `status = 'failed', last_error = $3, sent_at = $4`, values: [outcome.error, outcome.at] };
  const { rowCount } = await sql.query(
    `UPDATE outbox SET ${set.sql}, attempts = attempts + 1, claimed_by = NULL, claim_until = NULL
     WHERE id = $1 AND claimed_by = $2`,
    [id, sender, ...set.values],
  );
  if (rowCount !== 1) return false;
  await sql.query('DELETE FROM outbox_handoffs WHERE outbox_id = $1', [id]);
  return true;
}

/**
 * Handoffs whose sender is gone (its claim ran out): the server may have the message, so it
 * counts as sent, never sent again.
 * @returns how many rows this made sent
 */
export async function recoverHandoffs(pool: pg.Pool): Promise<number> {
  const { rowCount } = await pool.query(
    `WITH gone AS (
       DELETE FROM outbox_handoffs h USING outbox o
       WHERE h.outbox_id = o.id AND (o.status != 'pending' OR o.claim_until IS NULL OR o.claim_until < ${DB_NOW})
       RETURNING h.outbox_id, h.at)
     UPDATE outbox SET status = 'sent', sent_at = gone.at, attempts = attempts + 1, last_error = NULL,
       claimed_by = NULL, claim_until = NULL
     FROM gone WHERE outbox.id = gone.outbox_id AND outbox.status = 'pending'`,
  );
  return rowCount ?? 0;
}

/** Gives back the claims of rows this sender will not deliver (it is stopping); handed-off rows stay. */
export async function releaseClaims(pool: pg.Pool, sender: string): Promise<void> {
  await pool.query(
    `UPDATE outbox SET claimed_by = NULL, claim_until = NULL
     WHERE claimed_by = $1 AND status = 'pending'
       AND NOT EXISTS (SELECT 1 FROM outbox_handoffs h WHERE h.outbox_id = outbox.id)`,
    [sender],
  );
}

/** Why an email must not go out: its user unsubscribed, or its address is suppressed. */
export interface Refusal {
  unsubscribed: boolean;
  suppression: Suppression | undefined;
}

/**
 * Why each of these emails must not go out whatever the outbox says: its user unsubscribed, or its
 * address is suppressed. One statement for a claimed batch; rows with no reason are left out.
 */
export async function refusalsOf(pool: pg.Pool, rows: readonly OutboxRow[]): Promise<Map<number, Refusal>> {
  const emails = rows.filter((row) => row.payload.kind === 'email');
  const found = new Map<number, Refusal>();
  if (emails.length === 0) return found;
  const { rows: reasons } = await pool.query<{ id: number; unsubscribed: boolean } & Partial<SuppressionColumns>>(
    `SELECT x.id, EXISTS (SELECT 1 FROM unsubscribes u WHERE u.user_id = x.u) AS unsubscribed, s.*
     FROM unnest($1::bigint[], $2::text[], $3::text[]) AS x(id, u, a)
     LEFT JOIN suppressions s ON s.address = x.a
     WHERE s.address IS NOT NULL OR EXISTS (SELECT 1 FROM unsubscribes u WHERE u.user_id = x.u)`,
    [
      emails.map((row) => row.id),
      emails.map((row) => row.userId),
      emails.map((row) => (row.payload.kind === 'email' ? normalizeAddress(row.payload.to) : '')),
    ],
  );
  for (const r of reasons) {
    found.set(r.id, {
      unsubscribed: r.unsubscribed,
      suppression: r.address ? toSuppression(r as SuppressionColumns) : undefined,
    });
  }
  return found;
}

/** The earliest due time of a pending row nobody holds (claimed rows come back when their claim runs out). */
export async function nextDue(
  pool: pg.Pool,
  kinds: readonly ('email' | 'webhook')[] = ['email', 'webhook'],
): Promise<number | null> {
  // Per kind, each the head of its part of the due index.
  const heads = kinds.map(
    (kind) => `(SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending' AND kind = '${kind}'
       AND (claim_until IS NULL OR claim_until < ${DB_NOW}))`,
  );
  if (heads.length === 0) return null;
  const { rows } = await pool.query<{ t: number | null }>(`SELECT LEAST(${heads.join(', ')}) AS t`);
  return rows[0]?.t ?? null;
}
