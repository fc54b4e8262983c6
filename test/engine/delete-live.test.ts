import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/app/core';
import { ManualClock } from '../../electron/engine/clock';
import { type ApiClient, createApiClient } from '../../shared/api/client';
import { HOUR, identify, T0, track } from '../events';
import { seedCore } from './harness';

const root = join(import.meta.dirname, '../..');
const bundled = readFileSync(join(root, 'resources/journeys/integration-setup.json'), 'utf8');
let dir: string;
let core: AppCore;
let clock: ManualClock;
let client: ApiClient;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dripagent-delete-'));
  clock = new ManualClock(T0);
  core = seedCore(dir, clock);
  client = createApiClient({ call: (name, args) => core.registry.dispatch(name, args) });
});
afterEach(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

const PEOPLE = ['p1', 'p2', 'p3', 'p4'];

describe('deleting a live journey', () => {
  it('ends the runs of the people in it, and a journey imported later with its id never picks them up', async () => {
    await client.call('journey.publish', { id: 'integration-setup' });
    core.runtime.engine.ingest(
      PEOPLE.flatMap((id) => [identify(id), track(id, 'integration_started', 0, { integration_type: 'custom_api' })]),
    );
    expect((await client.call('runs.overview', { journeyId: 'integration-setup' })).active).toBe(4);

    const outcome = await client.call('journey.delete', { id: 'integration-setup' });
    expect(outcome).toEqual({ deleted: true, endedRuns: 4 });
    for (const id of PEOPLE) {
      expect(core.store.runs.forUser(id)).toEqual([
        expect.objectContaining({ status: 'done', endReason: 'journey_deleted', wakeAt: null }),
      ]);
    }
    const trace = await client.call('user.trace', { userId: 'p1' });
    expect(trace.decisions.map((d) => d.message)).toContain(
      'Left: the journey was deleted, so nothing more comes from it.',
    );

    // The same file imported and published again: the old runs stay ended, no reminder goes out for them.
    await client.call('journey.import', { text: bundled });
    await client.call('journey.publish', { id: 'integration-setup' });
    clock.set(T0 + 3 * HOUR);
    while (core.runtime.engine.fireDue() > 0) {}
    expect(core.store.outbox.list({ limit: 50 }).map((m) => m.nodeId)).toEqual([
      'confirm',
      'confirm',
      'confirm',
      'confirm',
    ]);
    expect((await client.call('runs.overview', { journeyId: 'integration-setup' })).active).toBe(0);

    // Someone from before can enter the new journey: the deleted one's run does not count against re-entry.
    core.runtime.engine.ingest([track('p1', 'integration_started', 3 * HOUR, { integration_type: 'stripe' })]);
    expect(core.store.runs.forUser('p1').map((r) => r.status)).toEqual(['done', 'active']);
  });

  it('a journey made later with the same id counts only its own people, and nothing queued by the old one goes out', async () => {
    await client.call('journey.publish', { id: 'integration-setup' });
    core.runtime.engine.ingest(
      PEOPLE.flatMap((id) => [identify(id), track(id, 'integration_started', 0, { integration_type: 'custom_api' })]),
    );
    const queued = core.store.outbox.list({ status: 'pending', limit: 50 }).length;
    expect(queued).toBeGreaterThan(0);

    await client.call('journey.delete', { id: 'integration-setup' });
    // What it had queued is cancelled, with the reason.
    expect(core.store.outbox.list({ status: 'pending', limit: 50 })).toEqual([]);
    expect(core.store.outbox.list({ status: 'failed', limit: 50 })).toHaveLength(queued);
    expect(core.store.outbox.list({ status: 'failed', limit: 1 })[0]?.lastError).toBe(
      'Not sent: the journey was deleted.',
    );

    await client.call('journey.import', { text: bundled });
    await client.call('journey.publish', { id: 'integration-setup' });
    const overview = await client.call('runs.overview', { journeyId: 'integration-setup' });
    expect([overview.active, overview.done]).toEqual([0, 0]);
    const results = await client.call('metrics.journey', {
      journeyId: 'integration-setup',
      from: T0 - HOUR,
      to: T0 + HOUR,
    });
    expect(results.entered).toBe(0);
    // The people's own histories keep what happened to them.
    expect(core.store.runs.forUser('p1')).toHaveLength(1);
  });
});
