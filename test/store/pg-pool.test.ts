import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { keyedRows } from '../../electron/store/awaitable';
import { cursorRows, inSnapshot } from '../../electron/store/pg/cursor';
import { openPostgres } from '../../electron/store/pg/pool';
import { startPostgres, type TestPostgres } from '../postgres';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(() => server?.stop());

test('a connection the server ends while it is in use (an idle transaction, a restart) fails its work, not the process', async () => {
  const url = await server.createDatabase();
  const pool = openPostgres(url, { size: 2, engineId: 'test' });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const client = await pool.connect();
    await client.query('BEGIN');
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const ended = new Promise((resolve) => client.once('end', resolve));
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
    await ended;
    await expect(client.query('SELECT 1')).rejects.toThrow();
    client.release(true);
    // The pool goes on with a new connection.
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
  } finally {
    await admin.end();
    await pool.end();
  }
}, 60_000);

test('cursors in one snapshot page through more rows than a page, side by side, and one ended early is closed', async () => {
  const url = await server.createDatabase();
  const pool = openPostgres(url, { size: 2, engineId: 'test' });
  try {
    const { all, early, open } = await inSnapshot(pool, async (client) => {
      const numbers = keyedRows(
        cursorRows<[number, number]>(client, 'SELECT n / 3, n FROM generate_series(0, $1::int - 1) AS n', [4500]),
      );
      const squares = keyedRows(
        cursorRows<[number, number]>(client, 'SELECT n / 3, n * n FROM generate_series(0, $1::int - 1) AS n', [4500]),
      );
      const all: number[] = [];
      for (let key = 0; key < 1500; key++) {
        const [mine, theirs] = await Promise.all([numbers.take(key), squares.take(key)]);
        expect(mine.length).toBe(3);
        expect(theirs.map(([, square]) => square)).toEqual(mine.map(([, n]) => n * n));
        all.push(...mine.map(([, n]) => n));
      }
      const partial = cursorRows<[number]>(client, 'SELECT n FROM generate_series(1, 5000) AS n', []);
      const early: number[] = [];
      for await (const [n] of partial) {
        early.push(n);
        if (n === 10) break;
      }
      const { rows } = await client.query('SELECT COUNT(*)::int AS n FROM pg_cursors');
      return { all, early, open: (rows[0] as { n: number }).n };
    });
    expect(all).toEqual(Array.from({ length: 4500 }, (_, n) => n));
    expect(early).toEqual(Array.from({ length: 10 }, (_, n) => n + 1));
    // The two finished cursors and the one left early are all closed.
    expect(open).toBe(0);
  } finally {
    await pool.end();
  }
}, 60_000);
