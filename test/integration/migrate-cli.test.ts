import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStore } from '../../electron/store';
import { pgMigrations } from '../../electron/store/pg/migrations';
import { cli } from '../cli';
import { startPostgres, type TestPostgres } from '../postgres';
import { tempDataDir } from '../store/fixtures';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(() => server?.stop());

async function appliedIds(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ id: number }>('SELECT id FROM dripagent.migrations ORDER BY id')).rows.map(
      (r) => r.id,
    );
  } finally {
    await client.end();
  }
}

/** Runs `dripagent ARGS` without waiting, so several can run at once. */
function cliAsync(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('DRIPAGENT_')));
  const child = spawn(process.execPath, [join(import.meta.dirname, '../../electron/bin/dripagent.mjs'), ...args], {
    env: { ...clean, ...env },
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout })));
}

describe('dripagent migrate', () => {
  test('--database-url creates the schema "dripagent" once; a second run finds it up to date', async () => {
    const url = await server.createDatabase();
    const first = cli(['migrate', '--database-url', url]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^Applied 001_schema, 002_user_heads, 003_outbox_claims, 004_queues to postgres:\/\/postgres@127\.0\.0\.1:\d+\/\w+ \(schema dripagent\)\.\n$/,
    );
    expect(await appliedIds(url)).toEqual(pgMigrations.map((m) => m.id));
    const again = cli(['migrate'], { DRIPAGENT_DATABASE_URL: url });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/is up to date \(4 migrations\)\.\n$/);
  });

  test('three at once on an empty database apply each migration once', async () => {
    const url = await server.createDatabase();
    const runs = await Promise.all([1, 2, 3].map(() => cliAsync(['migrate'], { DRIPAGENT_DATABASE_URL: url })));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(runs.filter((r) => r.stdout.startsWith('Applied 001_schema')).length).toBe(1);
    expect(runs.filter((r) => r.stdout.includes('is up to date')).length).toBe(2);
    expect(await appliedIds(url)).toEqual([1, 2, 3, 4]);
  });

  test('a password never appears in what it prints', async () => {
    const url = (await server.createDatabase()).replace('postgres@', 'postgres:s3cret-pass@');
    const result = cli(['migrate', '--database-url', url]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('postgres:***@');
    expect(result.stdout + result.stderr).not.toContain('s3cret-pass');
  });

  test('a URL that is not PostgreSQL, or a server that does not answer, is a clear error', () => {
    const mysql = cli(['migrate', '--database-url', 'mysql://root@127.0.0.1/x']);
    expect(mysql.code).toBe(1);
    expect(mysql.stderr).toMatch(/--database-url must be a postgres:\/\/ URL \(got mysql:\/\/…\)/);
    const env = cli(['migrate'], { DRIPAGENT_DATABASE_URL: 'not a url' });
    expect(env.code).toBe(1);
    expect(env.stderr).toMatch(/DRIPAGENT_DATABASE_URL is not a URL/);
    const down = cli(['migrate', '--database-url', 'postgres://postgres:pw@127.0.0.1:1/none']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none .*ECONNREFUSED/);
    expect(down.stderr).not.toContain(':pw@');
  });

  test('without a URL it migrates the data folder given, and refuses a folder with no database', () => {
    const data = tempDataDir();
    try {
      openStore(data.dir).close();
      const result = cli(['migrate', '--data', data.dir]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/dripagent\.db is up to date \(\d+ migrations\)\.\n$/);
      const missing = cli(['migrate', '--data', join(data.dir, 'typo')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/check --data/);
    } finally {
      data.cleanup();
    }
  });
});
