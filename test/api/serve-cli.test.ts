import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { rawRequest } from '../security/raw-http';
import { tempDataDir } from '../store/fixtures';

const CLI = fileURLToPath(new URL('../../electron/bin/dripagent.mjs', import.meta.url));

let data: ReturnType<typeof tempDataDir>;
let child: ChildProcessWithoutNullStreams | undefined;

beforeEach(() => {
  data = tempDataDir();
});
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  data.cleanup();
});

function serve(...args: string[]) {
  return serveWith({}, ...args);
}

/** Runs `dripagent serve` with these DRIPAGENT_* variables only (none inherited from the test run). */
function serveWith(vars: Record<string, string>, ...args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DRIPAGENT_')));
  child = spawn(process.execPath, [CLI, 'serve', ...args], { stdio: 'pipe', env: { ...env, ...vars } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const running = child;
  const exited = new Promise<number | null>((resolve) => running.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    running.stdout.on('data', () => {
      // Ready once the whole banner is out: the URL, then the events address and write key.
      const match = /^DripAgent is ready at (http:\/\/\S+)$/m.exec(stdout);
      if (match?.[1] && /^Write key: .*$/m.test(stdout)) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  // Tests that expect an early exit never await `ready`; that rejection is expected.
  ready.catch(() => {});
  return { process: running, ready, exited, output: () => ({ stdout, stderr }) };
}

describe('dripagent serve', () => {
  test('--port 0 prints the real URL, answers the API, and closes the database on SIGTERM', async () => {
    const server = serve('--port', '0', '--data', data.dir);
    const url = await server.ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toMatch(/:0$/);
    expect(server.output().stdout).toContain(`Data: ${data.dir}`);

    const response = await fetch(`${url}/api/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken(server.output().stdout)}` },
      body: '{}',
    });
    expect(await response.json()).toMatchObject({ ok: true, result: { host: 'server', dataDir: data.dir } });

    server.process.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    // SQLite removes the WAL file only when the last connection closes cleanly.
    expect(existsSync(join(data.dir, 'dripagent.db'))).toBe(true);
    expect(existsSync(join(data.dir, 'dripagent.db-wal'))).toBe(false);
  });

  test('a port that is not a number is refused with exit code 2', async () => {
    const server = serve('--port', 'abc', '--data', data.dir);
    expect(await server.exited).toBe(2);
    expect(server.output().stderr).toContain('--port must be a number');
  });

  test('prints the generated write key, keeps it across restarts, and the tracking API takes it', async () => {
    const first = serveWith({}, '--port', '0', '--data', data.dir);
    await first.ready;
    const key = /^Write key: (dk_\S+)$/m.exec(first.output().stdout)?.[1];
    expect(key).toBeDefined();
    first.process.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = serveWith({}, '--port', '0', '--data', data.dir);
    const url = await second.ready;
    expect(second.output().stdout).toContain(`Write key: ${key}\n`);
    expect((await track(url, key as string)).status).toBe(200);
  });

  test('DRIPAGENT_WRITE_KEY chooses the key, and says so', async () => {
    const server = serveWith({ DRIPAGENT_WRITE_KEY: 'team-key-1' }, '--port', '0', '--data', data.dir);
    const url = await server.ready;
    expect(server.output().stdout).toContain('Write key: team-key-1 (from DRIPAGENT_WRITE_KEY)');
    expect((await track(url, 'team-key-1')).status).toBe(200);
    expect((await track(url, 'another-key')).status).toBe(401);
  });

  test('prints the access link with a generated admin token that stays the same across restarts', async () => {
    const first = serveWith({}, '--port', '0', '--data', data.dir);
    const url = await first.ready;
    expect(first.output().stdout).toMatch(new RegExp(`^Open: ${url}/\\?token=da_[\\w-]+$`, 'm'));
    const token = accessToken(first.output().stdout);
    expect(
      (await fetch(`${url}/api/app.info`, { method: 'POST', headers: { 'content-type': 'application/json' } })).status,
    ).toBe(401);
    first.process.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = serveWith({}, '--port', '0', '--data', data.dir);
    await second.ready;
    expect(accessToken(second.output().stdout)).toBe(token);
  });

  test('DRIPAGENT_ADMIN_TOKEN chooses the admin token, and says so', async () => {
    const server = serveWith({ DRIPAGENT_ADMIN_TOKEN: 'team-admin-1' }, '--port', '0', '--data', data.dir);
    const url = await server.ready;
    expect(server.output().stdout).toContain(`Open: ${url}/?token=team-admin-1 (token from DRIPAGENT_ADMIN_TOKEN)`);
  });

  test('--allowed-hosts adds names the host answers to; DRIPAGENT_ALLOWED_HOSTS does the same', async () => {
    const server = serveWith(
      { DRIPAGENT_ALLOWED_HOSTS: 'from-env.test' },
      '--port',
      '0',
      '--data',
      data.dir,
      '--allowed-hosts',
      'drip.internal,other.internal',
    );
    const url = await server.ready;
    const status = async (host: string) => (await rawRequest(url, { path: '/u/x', headers: { host } })).status;
    expect(await status('drip.internal')).toBe(404);
    expect(await status('other.internal:4010')).toBe(404);
    // The flag wins over the variable.
    expect(await status('from-env.test')).toBe(403);
  });

  test('a malformed --allowed-hosts stops it with exit code 2', async () => {
    const server = serve('--port', '0', '--data', data.dir, '--allowed-hosts', 'http://x.test/');
    expect(await server.exited).toBe(2);
    expect(server.output().stderr).toContain('"http://x.test/" is not a host name');
  });

  test('DRIPAGENT_SYNC=full acknowledges events once synced; a bad value stops it naming the variable', async () => {
    const bad = serveWith({ DRIPAGENT_SYNC: 'sometimes' }, '--port', '0', '--data', data.dir);
    expect(await bad.exited).toBe(1);
    expect(bad.output().stderr).toContain('DRIPAGENT_SYNC="sometimes" must be "full" or "normal"');
    const server = serveWith({ DRIPAGENT_SYNC: 'full', DRIPAGENT_WRITE_KEY: 'k1' }, '--port', '0', '--data', data.dir);
    const url = await server.ready;
    expect((await track(url, 'k1')).status).toBe(200);
  });

  test('a bad DRIPAGENT_FREQUENCY_CAP stops it with exit code 1 and names the variable', async () => {
    const server = serveWith({ DRIPAGENT_FREQUENCY_CAP: 'lots' }, '--port', '0', '--data', data.dir);
    expect(await server.exited).toBe(1);
    expect(server.output().stderr).toContain('DRIPAGENT_FREQUENCY_CAP="lots" is not a cap');
  });
});

function accessToken(stdout: string): string {
  const token = /^Open: \S+\?token=(\S+)/m.exec(stdout)?.[1];
  if (!token) throw new Error(`no access link in:\n${stdout}`);
  return decodeURIComponent(token);
}

function track(url: string, key: string) {
  return fetch(`${url}/v1/track`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
    },
    body: JSON.stringify({ userId: 'u', event: 'page_viewed' }),
  });
}
