import type pg from 'pg';
import type { MetaRepo } from '../meta-repo';
import { inTransaction } from './transaction';

/** The advisory lock under which engines read and create what they must share (keys, secrets). */
export const SHARED_META_LOCK = 0x44524951;

/**
 * Runs `work` on the database's `app_meta` as it stands under an advisory lock: what `work` reads
 * is every engine's, and what it creates (a write key, a secret) is written before the lock is
 * released, so engines started together on an empty database create each value once and agree
 * on it. The same synchronous functions as on SQLite decide what to create (they take a MetaRepo).
 */
export async function withSharedMeta<T>(pool: pg.Pool, work: (meta: MetaRepo) => T): Promise<T> {
  return inTransaction(pool, async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [SHARED_META_LOCK]);
    const { rows } = await sql.query<{ key: string; value: string }>('SELECT key, value FROM app_meta');
    const values = new Map(rows.map((r) => [r.key, r.value]));
    const written = new Map<string, string>();
    const result = work({
      get: (key) => values.get(key),
      set: (key, value) => {
        values.set(key, value);
        written.set(key, value);
      },
    });
    if (written.size > 0) {
      await sql.query(
        `INSERT INTO app_meta (key, value) SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [[...written.keys()], [...written.values()]],
      );
    }
    return result;
  });
}
