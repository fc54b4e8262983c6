import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../electron/app/core';
import { ManualClock } from '../../electron/engine/clock';
import { HOUR, identify, MIN, T0, track } from './harness';

const root = join(import.meta.dirname, '../..');

let _cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  _cleanup = undefined;
});

// The engine's event-time rules run on both stores in engine-contract.test.ts; this is SQLite's restart.
describe('after a restart', () => {
  it('catches up at once on the wake-ups that came due while it was stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dripagent-restart-'));
    const open = (clock: ManualClock, startScheduler: boolean) =>
      createAppCore({
        dataDir: dir,
        resourcesDir: join(root, 'resources'),
        host: 'server',
        clock,
        startScheduler,
        env: {},
      });
    const before = open(new ManualClock(T0), false);
    before.store.journeys.publish('integration-setup');
    before.runtime.engine.journeysChanged();
    before.runtime.engine.ingest([
      identify('u'),
      track('u', 'integration_started', 0, { integration_type: 'custom_api' }),
    ]);
    await before.close();

    // Back 3 hours later: the 2-hour reminder is an hour late, within the 6-hour max lateness.
    const after = open(new ManualClock(T0 + 3 * HOUR), true);
    _cleanup = async () => {
      await after.close();
      rmSync(dir, { recursive: true, force: true });
    };
    const rows = after.store.outbox.list({ limit: 10 }).map((r) => `+${(r.at - T0) / MIN}m ${r.nodeId}`);
    expect(rows.reverse()).toEqual(['+0m confirm', '+120m credential_help']);
  });
});
