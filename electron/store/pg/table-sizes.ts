import type pg from 'pg';

/** Above this many rows (the planner's estimate), a table's size is the estimate, not a COUNT(*). */
const EXACT_BELOW = 100_000;

/**
 * How many rows a table holds, without counting a large one row by row on every call (the People
 * and Settings views ask often): above 100,000 rows the planner's estimate is close enough.
 */
export async function tableSize(pool: pg.Pool, table: 'events' | 'profiles' | 'outbox'): Promise<number> {
  const { rows } = await pool.query<{ estimate: number }>(
    "SELECT GREATEST(reltuples, 0)::bigint AS estimate FROM pg_class WHERE oid = to_regclass('dripagent.' || $1)",
    [table],
  );
  const estimate = rows[0]?.estimate ?? 0;
  if (estimate >= EXACT_BELOW) return estimate;
  return (await pool.query<{ n: number }>(`SELECT COUNT(*)::bigint AS n FROM ${table}`)).rows[0]?.n ?? 0;
}

/** The outbox by status: pending and failed through their partial indexes, sent what is left of the table. */
export async function outboxCounts(pool: pg.Pool): Promise<{ pending: number; sent: number; failed: number }> {
  const [size, counted] = await Promise.all([
    tableSize(pool, 'outbox'),
    pool.query<{ pending: number; failed: number }>(
      `SELECT (SELECT COUNT(*) FROM outbox WHERE status = 'pending')::bigint AS pending,
         (SELECT COUNT(*) FROM outbox WHERE status = 'failed')::bigint AS failed`,
    ),
  ]);
  const { pending, failed } = counted.rows[0] ?? { pending: 0, failed: 0 };
  return { pending, failed, sent: Math.max(0, size - pending - failed) };
}
