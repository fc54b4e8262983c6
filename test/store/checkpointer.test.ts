import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startCheckpointer } from '../../electron/store/checkpointer';
import { openDatabase } from '../../electron/store/database';
import { tempDataDir } from './fixtures';

let data: ReturnType<typeof tempDataDir>;
beforeEach(() => {
  data = tempDataDir();
});
afterEach(() => data.cleanup());

/** Writes about 8 MB in one transaction: it all sits in the WAL until something checkpoints it. */
function fill(db: ReturnType<typeof openDatabase>) {
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run('x'.repeat(4000));
  })();
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

describe('background checkpoints', () => {
  test('a worker copies the WAL into the database file while the main connection only writes', async () => {
    const file = join(data.dir, 'a.db');
    const db = openDatabase(file);
    const checkpointer = startCheckpointer(db, file);
    expect(checkpointer).toBeDefined();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(4000);
    fill(db);
    expect(statSync(file).size).toBeLessThan(1_000_000);
    expect(await until(() => statSync(file).size > 7_000_000, 10_000)).toBe(true);
    checkpointer?.stop();
    db.close();
  });

  test('without it, SQLite keeps its own inline checkpoints', async () => {
    const file = join(data.dir, 'b.db');
    const db = openDatabase(file);
    const errors: unknown[] = [];
    startCheckpointer(db, file, { module: join(data.dir, 'no-such-module.js'), onError: (e) => errors.push(e) });
    expect(await until(() => errors.length > 0, 10_000)).toBe(true);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });

  test('stop() returns once the worker has closed: the main connection closes last and removes the WAL', async () => {
    const file = join(data.dir, 'c.db');
    const db = openDatabase(file);
    const checkpointer = startCheckpointer(db, file);
    fill(db);
    expect(await until(() => statSync(file).size > 7_000_000, 10_000)).toBe(true);
    checkpointer?.stop();
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${file}-shm`)).toBe(false);
  });

  test('a store closed right after it opened leaves nothing behind in its folder', async () => {
    const file = join(data.dir, 'd.db');
    const db = openDatabase(file);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    startCheckpointer(db, file)?.stop();
    db.close();
    await new Promise((r) => setTimeout(r, 500));
    expect(readdirSync(data.dir).sort()).toEqual(['d.db']);
  });
});
