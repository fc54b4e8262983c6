import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
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
