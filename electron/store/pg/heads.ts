import type { Sql } from './user-rows';

/**
 * Users' head rows (migration 002): the lock that orders one user's decisions across engines,
 * the version that tells an engine whether its cached state is current, and the user's earliest
 * wake-up that schedulers claim from.
 */

/**
 * Locks the heads of these users (created before, see createHeads: every user with a run has
 * one), waiting for other engines that hold them. Always in user-id order, so two engines locking
 * overlapping users cannot deadlock. `skipLocked`: takes only the heads nobody holds now.
 * @returns each locked user's head version
 */
export async function lockHeads(
  sql: Sql,
  userIds: readonly string[],
  options: { skipLocked?: boolean } = {},
): Promise<Map<string, number>> {
  const sorted = [...userIds].sort();
  const { rows } = await sql.query<{ user_id: string; version: number }>(
    `SELECT user_id, version FROM user_heads WHERE user_id = ANY($1) ORDER BY user_id COLLATE "C"
     FOR UPDATE${options.skipLocked ? ' SKIP LOCKED' : ''}`,
    [sorted],
  );
  return new Map(rows.map((r) => [r.user_id, r.version]));
}

/**
 * Creates the heads that are missing. An existing head another transaction holds is not waited
 * for; a head another engine is creating in an open transaction is (the unique key must know
 * whether it commits), so engines call this on its own first, committed at once, before the
 * transaction that locks the heads: then the wait is for a moment, not for another's whole batch.
 */
export async function createHeads(sql: Sql, userIds: readonly string[]): Promise<void> {
  await sql.query(
    `INSERT INTO user_heads (user_id) SELECT u FROM unnest($1::text[]) AS u
     WHERE NOT EXISTS (SELECT 1 FROM user_heads h WHERE h.user_id = u) ORDER BY u COLLATE "C" ON CONFLICT DO NOTHING`,
    [[...userIds].sort()],
  );
}

/**
 * Claims up to `limit` users with a wake-up due at `now` in a journey that is not paused, earliest
 * first, skipping users another engine holds (they are that engine's now, or next time's).
 * `anyPaused` false (no journey is paused, as the engine just read): a head's wake-up is then its
 * earliest run's, so the runs need not be looked at for each head claimed.
 * @returns each claimed user's head version
 */
export async function claimDueHeads(
  sql: Sql,
  now: number,
  limit: number,
  anyPaused = true,
): Promise<Map<string, number>> {
  const notOnlyPaused = anyPaused
    ? `AND EXISTS (SELECT 1 FROM runs r WHERE r.user_id = h.user_id AND r.wake_at <= $1
         AND NOT EXISTS (SELECT 1 FROM journeys j WHERE j.id = r.journey_id AND j.status = 'paused'))`
    : '';
  const { rows } = await sql.query<{ user_id: string; version: number }>(
    `SELECT h.user_id, h.version FROM user_heads h
     WHERE h.wake_at <= $1 ${notOnlyPaused}
     ORDER BY h.wake_at LIMIT $2
     FOR UPDATE OF h SKIP LOCKED`,
    [now, limit],
  );
  return new Map(rows.map((r) => [r.user_id, r.version]));
}

/** Moves written users' heads on: a new version, and their earliest pending wake-up. */
export async function advanceHeads(
  sql: Sql,
  heads: readonly { userId: string; wakeAt: number | null }[],
): Promise<Map<string, number>> {
  if (heads.length === 0) return new Map();
  const { rows } = await sql.query<{ user_id: string; version: number }>(
    `UPDATE user_heads h SET version = h.version + 1, wake_at = x.w
     FROM unnest($1::text[], $2::bigint[]) AS x(u, w) WHERE h.user_id = x.u
     RETURNING h.user_id, h.version`,
    [heads.map((h) => h.userId), heads.map((h) => h.wakeAt)],
  );
  return new Map(rows.map((r) => [r.user_id, r.version]));
}

/**
 * The earliest pending wake-up of a journey that is not paused. With no journey paused it is the
 * earliest head's (an index on the heads, which stay small and mostly in place); otherwise the
 * runs' index, with each run's journey looked at.
 */
export async function nextWake(sql: Sql, anyPaused = true): Promise<number | null> {
  const { rows } = await sql.query<{ t: number | null }>(
    anyPaused
      ? `SELECT MIN(r.wake_at) AS t FROM runs r WHERE r.wake_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM journeys j WHERE j.id = r.journey_id AND j.status = 'paused')`
      : 'SELECT MIN(wake_at) AS t FROM user_heads WHERE wake_at IS NOT NULL',
  );
  return rows[0]?.t ?? null;
}
