import type pg from 'pg';
import { serially } from '../awaitable';

/** Rows fetched per round trip: enough to keep the round trips cheap, few enough to keep memory flat. */
const PAGE = 2000;
let cursors = 0;
/** How long one statement of a snapshot, or a pause between them, may last. */
const SNAPSHOT_TIMEOUT = '30min';

/** What reads need of a connection: its queries, answered in the order they were asked. */
export interface Queryable {
  query(query: string | pg.QueryConfig | pg.QueryArrayConfig, values?: unknown[]): Promise<pg.QueryResult>;
}

/**
 * A query's rows as arrays, a page at a time, through a server-side cursor: a report over
 * millions of rows holds one page. Must run inside a transaction on `client` (see inSnapshot);
 * several cursors on one client interleave their fetches, all on the transaction's snapshot.
 */
export async function* cursorRows<T extends unknown[]>(
  client: Queryable,
  sql: string,
  params: unknown[],
): AsyncGenerator<T> {
  const name = `dripagent_rows_${++cursors}`;
  await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
  let open = true;
  try {
    while (open) {
      const rows = (await client.query({ text: `FETCH ${PAGE} FROM ${name}`, rowMode: 'array' })).rows as T[];
      open = rows.length === PAGE;
      yield* rows;
    }
  } finally {
    // Ended early (or by an error): the cursor goes now, not at the end of the transaction.
    await client.query(`CLOSE ${name}`).catch(() => {});
  }
}

/**
 * Runs `work` in one read-only transaction that sees one snapshot of the database throughout:
 * the streams a report walks side by side (the cohort, their events, their emails) agree on who
 * is in it, even while engines keep writing. Streams walked side by side ask for their next page
 * at the same time: `work` gets the connection behind a queue that sends one query at a time.
 */
export async function inSnapshot<T>(pool: pg.Pool, work: (client: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const inOrder = serially();
  const serial: Queryable = { query: (query, values) => inOrder(() => client.query(query, values)) };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // The engine's timeouts are for its short write transactions; a report or a replay reads
    // for longer, and computes between pages (a finished result is not thrown away for that).
    await client.query(`SET LOCAL statement_timeout = '${SNAPSHOT_TIMEOUT}'`);
    await client.query(`SET LOCAL idle_in_transaction_session_timeout = '${SNAPSHOT_TIMEOUT}'`);
    const result = await work(serial);
    await inOrder(async () => {});
    // Nothing was written: a commit that fails (the connection gone) loses nothing of the result.
    await client.query('COMMIT').catch((failed: Error) => {
      broken = failed;
    });
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollback: Error) => {
      broken = rollback;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
