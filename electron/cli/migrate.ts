import { type Migration, migrationLabel } from '../store/migrate';
import { migrations as sqliteMigrations } from '../store/migrations';
import { databaseTarget, describeDatabaseUrl, engineId } from '../store/pg/database-url';
import { migratePostgres } from '../store/pg/migrate';
import { pgMigrations } from '../store/pg/migrations';
import { openPostgres } from '../store/pg/pool';
import { lastFlag, parseCommandFlags, UsageError } from './command';
import { openExistingStore } from './existing-store';

const USAGE = `Usage: dripagent migrate [--database-url URL] [--data DIR]

Brings the database up to this version's schema, then exits.
  --database-url URL  a postgres:// URL (or DRIPAGENT_DATABASE_URL): the tables go in the schema
                      "dripagent" of that database, which is created if missing
  --data DIR          without a URL: the SQLite database of this data folder
Safe while engines run: migrations take an advisory lock and each is applied once. A database
written by a newer version, or a migration edited after it was applied, is refused.
`;

/** `dripagent migrate`: applies pending migrations to PostgreSQL or the data folder's SQLite. */
export default async function migrate(args: string[]): Promise<number> {
  const { flags } = parseCommandFlags(args, { values: ['database-url', 'data'] });
  if (flags.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  let target: ReturnType<typeof databaseTarget>;
  try {
    target = databaseTarget(lastFlag(flags, 'database-url'));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (target.kind === 'sqlite') {
    const store = openExistingStore(lastFlag(flags, 'data'));
    try {
      report(store.appliedMigrations, sqliteMigrations, store.file);
    } finally {
      store.close();
    }
    return 0;
  }
  const where = describeDatabaseUrl(target.url);
  const pool = openPostgres(target.url, { size: 1, engineId: engineId() });
  try {
    report(await migratePostgres(pool, pgMigrations, where), pgMigrations, where);
    return 0;
  } catch (error) {
    process.stderr.write(`dripagent migrate: ${where}: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await pool.end();
  }
}

function report(applied: readonly number[], list: readonly Migration[], where: string): void {
  const total = list.length;
  if (applied.length === 0) {
    process.stdout.write(`${where} is up to date (${total} migration${total === 1 ? '' : 's'}).\n`);
    return;
  }
  const names = applied.map((id) => {
    const known = list.find((m) => m.id === id);
    return known ? migrationLabel(known) : String(id);
  });
  process.stdout.write(`Applied ${names.join(', ')} to ${where}.\n`);
}
