import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { hostPerTest } from './host-fixture';
import { basic } from './raw-http';

const CLI = fileURLToPath(new URL('../../electron/bin/dripagent.mjs', import.meta.url));

function run(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const h = hostPerTest();

describe('dripagent backup', () => {
  test('copies the database while events pour in: the copy is sound and holds every event acknowledged before it', async () => {
    const key = h.fixture.core.runtime.writeKey().key;
    const acknowledged: string[] = [];
    let n = 0;
    let pouring = true;
    const pour = async () => {
      while (pouring) {
        const batch = Array.from({ length: 50 }, () => {
          n++;
          return { type: 'track', userId: `u${n % 500}`, event: 'integration_started', messageId: `m${n}` };
        });
        const response = await fetch(`${h.host.url}/v1/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...basic(key) },
          body: JSON.stringify({ batch }),
        });
        if (response.status === 200) acknowledged.push(...batch.map((e) => e.messageId));
      }
    };
    const writers = [pour(), pour()];
    while (acknowledged.length < 2000) await new Promise((resolve) => setTimeout(resolve, 20));
    const before = [...acknowledged];
    const file = join(h.fixture.core.dataDir, '..', 'backup.db');
    const result = await run('backup', file, '--data', h.fixture.core.dataDir);
    const during = acknowledged.length - before.length;
    pouring = false;
    await Promise.all(writers);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/integrity ok/);
    expect(during).toBeGreaterThan(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}-wal`)).toBe(false);
    const copy = new Database(file, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Set(
        (copy.prepare('SELECT message_id FROM events').all() as { message_id: string }[]).map((r) => r.message_id),
      );
      expect(before.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      copy.close();
    }
  });

  test('refuses to overwrite a file unless --force, and says where the data is missing', async () => {
    const file = join(h.fixture.core.dataDir, '..', 'twice.db');
    expect((await run('backup', file, '--data', h.fixture.core.dataDir)).code).toBe(0);
    const again = await run('backup', file, '--data', h.fixture.core.dataDir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect((await run('backup', file, '--data', h.fixture.core.dataDir, '--force')).code).toBe(0);
    const nowhere = await run('backup', file, '--data', join(h.fixture.core.dataDir, 'nope'));
    expect(nowhere.stderr).toMatch(/no DripAgent database/);
  });

  test('--force before the file name still names the file, and a folder or unwritable place is a clear error', async () => {
    const file = join(h.fixture.core.dataDir, '..', 'forced.db');
    const data = h.fixture.core.dataDir;
    expect((await run('backup', '--force', file, '--data', data)).code).toBe(0);
    expect((await run('backup', '--force', file, '--data', data)).code).toBe(0);
    const folder = await run('backup', join(data, '..'), '--force', '--data', data);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/is a folder/);
    const nowhere = await run('backup', join(data, 'missing', 'dir', 'x.db'), '--data', data);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/Cannot create .*x\.db/);
  });
});
