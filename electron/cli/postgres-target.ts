import type pg from 'pg';
import { type AppliedMigration, pendingMigrations } from '../store/migrate';
import { type DatabaseTarget, databaseTarget, describeDatabaseUrl, engineId, poolSize } from '../store/pg/database-url';
import { migratePostgres } from '../store/pg/migrate';
import { pgMigrations } from '../store/pg/migrations';
import { openPostgres } from '../store/pg/pool';
import { UsageError } from './command';

/** `--database-url` or DRIPAGENT_DATABASE_URL, as a command reads it: a mistake is a usage error. */
export function commandDatabase(flag: string | undefined): DatabaseTarget {
  try {
    return databaseTarget(flag);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * A pool on the PostgreSQL database a command was given. `migrate` brings the schema up to date
 * first (under its advisory lock), as `serve` does; otherwise a schema that is missing or older
 * than this version is refused with the command that fixes it.
 */
export async function connectPostgres(
  url: string,
  options: { migrate: boolean; engineId?: string },
): Promise<{ pool: pg.Pool; where: string }> {
  const where = describeDatabaseUrl(url);
  const pool = openPostgres(url, { size: poolSize(), engineId: options.engineId ?? engineId() });
  try {
    if (options.migrate) await migratePostgres(pool, pgMigrations, where);
    else await requireCurrentSchema(pool, where);
    return { pool, where };
  } catch (error) {
    await pool.end();
    throw new UsageError(`${where}: ${(error as Error).message}`);
  }
}

async function requireCurrentSchema(pool: pg.Pool, where: string): Promise<void> {
  const fix = 'run `dripagent migrate --database-url URL` first';
  let applied: AppliedMigration[];
  try {
    applied = (await pool.query<AppliedMigration>('SELECT id, name, sha256 FROM dripagent.migrations ORDER BY id'))
      .rows;
  } catch (error) {
    // 42P01: no such table, 3F000: no such schema.
    const code = (error as { code?: string }).code;
    if (code === '42P01' || code === '3F000') throw new Error(`there is no DripAgent schema here: ${fix}`);
    throw error;
  }
  const pending = pendingMigrations(pgMigrations, applied, where);
  if (pending.length > 0) throw new Error(`the schema is older than this version of DripAgent: ${fix}`);
}
