import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createAppCore } from '../../electron/app/core';
import { startEventHost } from '../../electron/shell/event-host';

const root = join(import.meta.dirname, '../..');

it("the desktop app's event host takes Segment events, on another port when the preferred one is taken", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dripagent-eventhost-'));
  const core = createAppCore({
    dataDir: dir,
    resourcesDir: join(root, 'resources'),
    host: 'electron',
    startScheduler: false,
    env: {},
  });
  const blocker = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => blocker.once('listening', r));
  const taken = (blocker.address() as { port: number }).port;
  const host = await startEventHost(core, taken);
  try {
    expect(host.port).not.toBe(taken);
    expect(core.runtime.publicUrl()).toBe(host.url);
    const res = await fetch(`${host.url}/v1/track`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${core.runtime.writeKey().key}:`).toString('base64')}`,
      },
      body: JSON.stringify({ userId: 'u', event: 'integration_started', timestamp: new Date().toISOString() }),
    });
    expect(res.status).toBe(200);
    expect(core.store.events.count()).toBe(1);
    expect((await fetch(`${host.url}/api/app.info`, { method: 'POST' })).status).toBe(404);
  } finally {
    await host.close();
    blocker.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
