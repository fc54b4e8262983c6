import type pg from 'pg';

/**
 * Errors after which the whole call is tried again: a deadlock the server broke, a serialization
 * failure, a lock not granted within lock_timeout. Nothing of the failed attempt was committed.
 */
const RETRYABLE = new Set(['40P01', '40001', '55P03']);
const ATTEMPTS = 8;

/** Runs `work` in one transaction on a pooled connection, retrying what another engine's locks made fail. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollback) {
        // The connection is gone: the pool must not hand it out again.
        broken = rollback as Error;
      }
      const code = (error as { code?: string }).code;
      if (attempt >= ATTEMPTS || code === undefined || !RETRYABLE.has(code)) throw error;
    } finally {
      client.release(broken);
    }
    // Apart, with jitter, so the engines that collided do not collide again.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
  }
}
