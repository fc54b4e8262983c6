import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3…: the order of application. */
  id: number;
  name: string;
  sql: string;
}

/** sha256 of the migration text; line endings are normalised so a Windows checkout hashes the same. */
export function migrationHash(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

export const migrationLabel = (m: { id: number; name: string }) => `${String(m.id).padStart(3, '0')}_${m.name}`;

/** A migration as recorded in a database's `migrations` table. */
export interface AppliedMigration {
  id: number;
  name: string;
  sha256: string;
}

/**
 * The rules every store applies its migrations by (SQLite and PostgreSQL alike): ids increase,
 * an applied migration is never edited, and a database written by a newer version is refused.
 * `where` names the database in the errors.
 * @throws when a rule is broken
 * @returns the migrations still to apply, in order
 */
export function pendingMigrations(
  migrations: readonly Migration[],
  applied: readonly AppliedMigration[],
  where: string,
): Migration[] {
  // Ids only increase. A gap is allowed: parallel lines of work each reserve their number, and a
  // number whose work was dropped leaves a hole rather than forcing everyone after it to renumber.
  migrations.forEach((m, index) => {
    const before = migrations[index - 1];
    if (m.id < 1 || (before && m.id <= before.id)) {
      throw new Error(
        `Migration ${migrationLabel(m)} is out of order: ids must increase (after ${before ? migrationLabel(before) : 'none'})`,
      );
    }
  });
  const byId = new Map(migrations.map((m) => [m.id, m]));
  for (const row of applied) {
    const known = byId.get(row.id);
    if (!known) {
      throw new Error(
        `The database ${where} has migration ${migrationLabel(row)} that this version of DripAgent does not know: ` +
          'it was written by a newer version. Update DripAgent or use another database.',
      );
    }
    const hash = migrationHash(known.sql);
    if (hash !== row.sha256) {
      throw new Error(
        `Migration ${migrationLabel(known)} was edited after it was applied to ${where} ` +
          `(recorded sha256 ${row.sha256.slice(0, 12)}…, now ${hash.slice(0, 12)}…). ` +
          'Applied migrations must never change: restore its text and add a new numbered migration instead.',
      );
    }
  }
  // A reserved number that lands later than a higher one (another line of work merged first) is
  // still applied: migrations of parallel work touch different tables by construction.
  const done = new Set(applied.map((row) => row.id));
  return migrations.filter((m) => !done.has(m.id));
}

/**
 * Brings the database up to the newest migration. Each migration runs in its own transaction
 * together with its bookkeeping row, so a failure leaves the database at the previous step.
 * @throws when an applied migration's text changed, or the database is newer than this code.
 * @returns the ids applied now (empty when the database was already current)
 */
export function migrate(db: Database, migrations: readonly Migration[], now: () => Date = () => new Date()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS migrations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = db.prepare('SELECT id, name, sha256 FROM migrations ORDER BY id').all() as AppliedMigration[];
  const pending = pendingMigrations(migrations, applied, db.name);
  const record = db.prepare('INSERT INTO migrations (id, name, sha256, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.id, m.name, migrationHash(m.sql), now().toISOString());
    })();
  }
  return pending.map((m) => m.id);
}
