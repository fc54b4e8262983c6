import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HostSecrets } from '../../electron/app/host-secrets';
import { migratePostgres } from '../../electron/store/pg/migrate';
import { pgMigrations } from '../../electron/store/pg/migrations';
import { openPostgres } from '../../electron/store/pg/pool';
import { withSharedMeta } from '../../electron/store/pg/shared-meta';
import { startPostgres, type TestPostgres } from '../postgres';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(() => server?.stop());

/**
 * Starts engines as their own processes, connected, then lets them all read or create the
 * secrets at the same moment; resolves with what each printed.
 */
async function engineStarts(url: string, count: number): Promise<HostSecrets[]> {
  const probes = Array.from({ length: count }, () => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'pg/secrets-probe.mjs'), url]);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    const ready = new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk) => {
        err += chunk;
        if (err.includes('ready')) resolve();
      }),
    );
    const done = new Promise<HostSecrets>((resolve, reject) =>
      child.on('close', (code) =>
        code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`probe exited ${code}: ${err}`)),
      ),
    );
    return { child, ready, done };
  });
  await Promise.all(probes.map((p) => p.ready));
  for (const probe of probes) probe.child.stdin.end('go\n');
  return Promise.all(probes.map((p) => p.done));
}

describe('what engines on one database share', () => {
  test('three engines starting on an empty database agree on one write key, unsubscribe secret and admin token', async () => {
    const url = await server.createDatabase();
    const pool = openPostgres(url, { size: 1, engineId: 'test' });
    try {
      await migratePostgres(pool, pgMigrations, 'the test database');
      const [first, ...others] = await engineStarts(url, 3);
      expect(first?.writeKey).toMatch(/^dk_/);
      expect(first?.adminToken).toMatch(/^da_/);
      expect(first?.unsubscribeSecret.length).toBeGreaterThan(30);
      for (const other of others) expect(other).toEqual(first);
      // Kept in the database: a later engine gets the same values.
      expect(await withSharedMeta(pool, (meta) => meta.get('write_key'))).toBe(first?.writeKey);
      expect(await engineStarts(url, 1)).toEqual([first]);
    } finally {
      await pool.end();
    }
  }, 60_000);
});
