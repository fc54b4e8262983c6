import type pg from 'pg';
import { type AppliedMigration, type Migration, migrationHash, migrationLabel, pendingMigrations } from '../migrate';
import { PG_SCHEMA } from './database-url';

/**
 * The key of the advisory lock migrations run under: engines started together, or a rolling
 * deploy's `dripagent migrate`, apply each migration once while the others wait.
 */
export const MIGRATION_LOCK = 0x44524950; // "DRIP"

/**
 * Brings the `dripagent` schema up to the newest migration, under the same rules as SQLite's
 * (see pendingMigrations). Each migration runs in its own transaction with its bookkeeping row.
 * @returns the ids applied now (empty when the database was already current)
 */
export async function migratePostgres(
  pool: pg.Pool,
  migrations: readonly Migration[],
  where: string,
  now: () => Date = () => new Date(),
): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${PG_SCHEMA}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${PG_SCHEMA}.migrations (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        applied_at TEXT NOT NULL
      )`);
      const applied = await client.query<AppliedMigration>(
        `SELECT id, name, sha256 FROM ${PG_SCHEMA}.migrations ORDER BY id`,
      );
      const pending = pendingMigrations(migrations, applied.rows, where);
      for (const m of pending) {
        await client.query('BEGIN');
        try {
          await client.query(`SET LOCAL search_path = ${PG_SCHEMA}`);
          await client.query(m.sql);
          await client.query(
            `INSERT INTO ${PG_SCHEMA}.migrations (id, name, sha256, applied_at) VALUES ($1, $2, $3, $4)`,
            [m.id, m.name, migrationHash(m.sql), now().toISOString()],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`Migration ${migrationLabel(m)} failed on ${where}: ${(error as Error).message}`);
        }
      }
      return pending.map((m) => m.id);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
