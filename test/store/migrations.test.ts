import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DATABASE_FILE_NAME, type Migration, openStore } from '../../electron/store';
import { openDatabase } from '../../electron/store/database';
import { migrate, migrationHash } from '../../electron/store/migrate';
import { migrations } from '../../electron/store/migrations';
import { tempDataDir } from './fixtures';

let data: ReturnType<typeof tempDataDir>;
beforeEach(() => {
  data = tempDataDir();
});
afterEach(() => data.cleanup());

const file = () => `${data.dir}/${DATABASE_FILE_NAME}`;
/** The id a migration added after every current one would take. */
const nextId = () => (migrations[migrations.length - 1]?.id ?? 0) + 1;

function appliedRows() {
  const db = new Database(file(), { readonly: true });
  try {
    return db.prepare('SELECT id, name, sha256 FROM migrations ORDER BY id').all() as {
      id: number;
      name: string;
      sha256: string;
    }[];
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  test('a fresh data folder gets every migration, each recorded with the sha256 of its text', () => {
    const store = openStore(data.dir);
    expect(store.appliedMigrations).toEqual(migrations.map((m) => m.id));
    store.close();
    expect(appliedRows()).toEqual(migrations.map((m) => ({ id: m.id, name: m.name, sha256: migrationHash(m.sql) })));
  });

  test('opening the same folder twice applies nothing the second time and keeps the data', () => {
    const first = openStore(data.dir);
    first.meta.set('probe', 'kept');
    first.close();
    const second = openStore(data.dir);
    expect(second.appliedMigrations).toEqual([]);
    expect(second.meta.get('probe')).toBe('kept');
    second.close();
    expect(appliedRows()).toHaveLength(migrations.length);
  });

  test('released migrations keep their text (a data folder that applied one must still open)', () => {
    // Appended to, never changed: editing one (as 005 once was, after data folders had applied it)
    // makes every such folder refuse to open. A new migration adds a line here.
    const released: [number, string][] = [
      [1, '38139d5006b0cff7'],
      [2, 'a19a381d651cdfbd'],
      [3, '3688e9756d47d94d'],
      [4, 'c6885eb6e5382449'],
      [5, '5485b56b3d11b8ff'],
      [6, 'd2b3de0210674d33'],
      [7, '5952da517e58a645'],
      [8, 'f7d1233c31215573'],
      [9, 'af279a5862e45cf4'],
    ];
    expect(migrations.map((m) => [m.id, migrationHash(m.sql).slice(0, 16)])).toEqual(released);
  });

  test('startup refuses a migration that was edited after it was applied, naming it', () => {
    openStore(data.dir).close();
    const edited: Migration[] = migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- tweak` } : m));
    expect(() => openStore(data.dir, { migrations: edited })).toThrow(
      /Migration 001_journeys was edited after it was applied .*add a new numbered migration/,
    );
  });

  test('startup refuses a database written by a newer version', () => {
    const newer: Migration[] = [...migrations, { id: nextId(), name: 'future', sql: 'CREATE TABLE f (x)' }];
    openStore(data.dir, { migrations: newer }).close();
    expect(() => openStore(data.dir)).toThrow(/written by a newer version/);
  });

  test('a failing migration is rolled back on its own and earlier ones stay applied', () => {
    const broken: Migration[] = [
      ...migrations,
      { id: nextId(), name: 'broken', sql: 'CREATE TABLE half_done (x); THIS IS NOT SQL;' },
    ];
    expect(() => openStore(data.dir, { migrations: broken })).toThrow();
    expect(appliedRows().map((r) => r.id)).toEqual(migrations.map((m) => m.id));
    const db = new Database(file(), { readonly: true });
    const table = db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get();
    db.close();
    expect(table).toBeUndefined();
  });

  test('migration ids must increase', () => {
    const db = openDatabase(':memory:');
    const a = { id: 1, name: 'a', sql: 'SELECT 1' };
    expect(() => migrate(db, [{ id: 2, name: 'b', sql: 'SELECT 1' }, a])).toThrow(/out of order/);
    expect(() => migrate(db, [a, { ...a, name: 'again' }])).toThrow(/out of order/);
    db.close();
  });

  test('a number reserved by parallel work may be missing, and is applied when it lands after a higher one', () => {
    const db = openDatabase(':memory:');
    const one = { id: 1, name: 'one', sql: 'CREATE TABLE one (x)' };
    const three = { id: 3, name: 'three', sql: 'CREATE TABLE three (x)' };
    expect(migrate(db, [one, three])).toEqual([1, 3]);
    const two = { id: 2, name: 'two', sql: 'CREATE TABLE two (x)' };
    expect(migrate(db, [one, two, three])).toEqual([2]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'two'").get()).toEqual({ name: 'two' });
    db.close();
  });

  test('the database runs in WAL mode with foreign keys enforced', () => {
    openStore(data.dir).close();
    const db = openDatabase(file());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      db
        .prepare(
          "INSERT INTO journey_versions (journey_id, version, json, published_at) VALUES ('ghost', 1, '{}', 'now')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  test('a new database gets 8 KiB pages; a file made with 4 KiB pages keeps them and its data', () => {
    openStore(data.dir).close();
    const created = openDatabase(file());
    expect(created.pragma('page_size', { simple: true })).toBe(8192);
    created.close();

    const older = tempDataDir();
    try {
      const legacy = new Database(`${older.dir}/${DATABASE_FILE_NAME}`);
      legacy.pragma('page_size = 4096');
      legacy.pragma('journal_mode = WAL');
      legacy.close();
      const store = openStore(older.dir);
      store.meta.set('probe', 'kept');
      store.close();
      const reopened = openStore(older.dir);
      expect(reopened.meta.get('probe')).toBe('kept');
      reopened.close();
      const db = openDatabase(`${older.dir}/${DATABASE_FILE_NAME}`);
      expect(db.pragma('page_size', { simple: true })).toBe(4096);
      db.close();
    } finally {
      older.cleanup();
    }
  });
});
