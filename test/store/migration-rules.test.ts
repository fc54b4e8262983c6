import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../electron/store/database';
import { type AppliedMigration, type Migration, migrate, migrationHash } from '../../electron/store/migrate';
import { migratePostgres } from '../../electron/store/pg/migrate';
import { pgMigrations } from '../../electron/store/pg/migrations';
import { openPostgres } from '../../electron/store/pg/pool';
import { startPostgres, type TestPostgres } from '../postgres';

/** One database behind the rules: apply a list of migrations, read what is recorded, probe a table. */
interface MigrationTarget {
  apply(migrations: readonly Migration[]): Promise<number[]>;
  applied(): Promise<AppliedMigration[]>;
  hasTable(name: string): Promise<boolean>;
  close(): Promise<void>;
}

function sqliteTarget(): MigrationTarget {
  const db = openDatabase(':memory:');
  return {
    apply: async (migrations) => migrate(db, migrations),
    applied: async () => db.prepare('SELECT id, name, sha256 FROM migrations ORDER BY id').all() as AppliedMigration[],
    hasTable: async (name) => db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(name) !== undefined,
    close: async () => {
      db.close();
    },
  };
}

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(() => server?.stop());

async function postgresTarget(): Promise<MigrationTarget> {
  const pool: pg.Pool = openPostgres(await server.createDatabase(), { size: 2, engineId: 'test' });
  return {
    apply: (migrations) => migratePostgres(pool, migrations, 'the test database'),
    applied: async () =>
      (await pool.query<AppliedMigration>('SELECT id, name, sha256 FROM dripagent.migrations ORDER BY id')).rows,
    hasTable: async (name) =>
      (await pool.query("SELECT 1 FROM pg_tables WHERE schemaname = 'dripagent' AND tablename = $1", [name]))
        .rowCount === 1,
    close: () => pool.end(),
  };
}

/** The same rules, whichever database: these are what `dripagent migrate` and every start rely on. */
describe.each([
  ['SQLite', async () => sqliteTarget()],
  ['PostgreSQL', postgresTarget],
])('migration rules on %s', (_name, open) => {
  const one = { id: 1, name: 'one', sql: 'CREATE TABLE one (x INTEGER)' };
  const two = { id: 2, name: 'two', sql: 'CREATE TABLE two (x INTEGER)' };
  const three = { id: 3, name: 'three', sql: 'CREATE TABLE three (x INTEGER)' };

  test('each migration is applied once and recorded with the sha256 of its text', async () => {
    const target = await open();
    try {
      expect(await target.apply([one, two])).toEqual([1, 2]);
      expect(await target.apply([one, two])).toEqual([]);
      expect(await target.applied()).toEqual(
        [one, two].map((m) => ({ id: m.id, name: m.name, sha256: migrationHash(m.sql) })),
      );
    } finally {
      await target.close();
    }
  });

  test('a migration edited after it was applied is refused, naming it', async () => {
    const target = await open();
    try {
      await target.apply([one]);
      await expect(target.apply([{ ...one, sql: `${one.sql}; -- tweak` }])).rejects.toThrow(
        /Migration 001_one was edited after it was applied .*add a new numbered migration/,
      );
    } finally {
      await target.close();
    }
  });

  test('a database written by a newer version is refused', async () => {
    const target = await open();
    try {
      await target.apply([one, two]);
      await expect(target.apply([one])).rejects.toThrow(/002_two that this version of DripAgent does not know/);
    } finally {
      await target.close();
    }
  });

  test('ids must increase; a reserved number that lands later is still applied', async () => {
    const target = await open();
    try {
      await expect(target.apply([two, one])).rejects.toThrow(/out of order/);
      expect(await target.apply([one, three])).toEqual([1, 3]);
      expect(await target.apply([one, two, three])).toEqual([2]);
      expect(await target.hasTable('two')).toBe(true);
    } finally {
      await target.close();
    }
  });

  test('a failing migration is rolled back on its own and earlier ones stay applied', async () => {
    const target = await open();
    try {
      await target.apply([one]);
      const broken = { id: 2, name: 'broken', sql: 'CREATE TABLE half_done (x INTEGER); THIS IS NOT SQL;' };
      await expect(target.apply([one, broken])).rejects.toThrow();
      expect((await target.applied()).map((r) => r.id)).toEqual([1]);
      expect(await target.hasTable('half_done')).toBe(false);
    } finally {
      await target.close();
    }
  });
});

describe('the PostgreSQL schema', () => {
  test('released PostgreSQL migrations keep their text (a database that applied one must still start)', () => {
    // Appended to, never changed. A new migration adds a line here.
    const released: [number, string][] = [
      [1, 'fc0a8a0e4cb3a177'],
      [2, '48f3f2293ff05d41'],
      [3, '71d0797151b097d5'],
      [4, '7e910985397e2fc4'],
    ];
    expect(pgMigrations.map((m) => [m.id, migrationHash(m.sql).slice(0, 16)])).toEqual(released);
  });

  test('has every table of the SQLite data folder, with the same columns (and the claims of several senders)', async () => {
    const pgOnly: Record<string, string[]> = { outbox: ['claim_until', 'claimed_by'] };
    const { migrations } = await import('../../electron/store/migrations');
    const sqlite = openDatabase(':memory:');
    const pool = openPostgres(await server.createDatabase(), { size: 1, engineId: 'test' });
    try {
      migrate(sqlite, migrations);
      await migratePostgres(pool, pgMigrations, 'the test database');
      const tables = sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all() as string[];
      expect(tables.length).toBeGreaterThan(15);
      for (const table of tables) {
        const sqliteColumns = (
          sqlite.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]
        ).sort();
        const { rows } = await pool.query<{ column_name: string }>(
          "SELECT column_name FROM information_schema.columns WHERE table_schema = 'dripagent' AND table_name = $1",
          [table],
        );
        expect(rows.map((r) => r.column_name).sort(), table).toEqual(
          [...sqliteColumns, ...(pgOnly[table] ?? [])].sort(),
        );
      }
    } finally {
      sqlite.close();
      await pool.end();
    }
  });

  test('published journey versions cannot be changed, as on SQLite', async () => {
    const pool = openPostgres(await server.createDatabase(), { size: 1, engineId: 'test' });
    try {
      await migratePostgres(pool, pgMigrations, 'the test database');
      await pool.query(
        "INSERT INTO journeys (id, name, draft, created_at, updated_at) VALUES ('j', 'J', '{}', 'n', 'n')",
      );
      await pool.query(
        "INSERT INTO journey_versions (journey_id, version, json, published_at) VALUES ('j', 1, '{}', 'n')",
      );
      await expect(pool.query("UPDATE journey_versions SET json = '[]'")).rejects.toThrow(/immutable/);
      await expect(
        pool.query(
          "INSERT INTO journey_versions (journey_id, version, json, published_at) VALUES ('ghost', 1, '{}', 'n')",
        ),
      ).rejects.toThrow(/foreign key/);
    } finally {
      await pool.end();
    }
  });
});
