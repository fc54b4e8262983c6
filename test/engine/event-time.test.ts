import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../electron/app/core';
import { ManualClock } from '../../electron/engine/clock';
import { engineFixture, HOUR, identify, MIN, T0, track } from './harness';

const root = join(import.meta.dirname, '../..');

let fixture: ReturnType<typeof engineFixture> | undefined;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  fixture?.close();
  fixture = undefined;
  await cleanup?.();
  cleanup = undefined;
});

const emailsOf = (f: ReturnType<typeof engineFixture>) =>
  f.store.outbox
    .list({ limit: 100 })
    .map((r) => `+${(r.at - T0) / MIN}m ${r.nodeId}`)
    .reverse();

describe('events are evaluated at their own time', () => {
  it('sorts a batch by event time per user, whatever order it was posted in (ties keep their order)', () => {
    fixture = engineFixture(['integration-setup']);
    fixture.clock.set(T0 + HOUR);
    fixture.engine.ingest([
      track('u', 'api_key_created', 30 * MIN),
      identify('u'),
      track('u', 'integration_started', 0, { integration_type: 'custom_api' }),
    ]);
    // Entered at 0, then the key at +30m moved the run on: no API key reminder is due.
    expect(fixture.store.runs.forUser('u')[0]).toMatchObject({ nodeId: 'wait_domain', nodeSince: T0 + 30 * MIN });
    fixture.runUntil(3 * HOUR);
    expect(emailsOf(fixture)).toEqual(['+0m confirm']);
  });

  it('applies a late event at its own time, before a wake-up that was due after it', () => {
    fixture = engineFixture(['integration-setup']);
    fixture.engine.ingest([identify('u'), track('u', 'integration_started', 0, { integration_type: 'custom_api' })]);
    // The 2-hour reminder is due at +2h but has not fired yet when, at +3h, an event dated +1h arrives.
    fixture.clock.set(T0 + 3 * HOUR);
    fixture.engine.ingest([track('u', 'api_key_created', HOUR)]);
    while (fixture.engine.fireDue() > 0) {}
    expect(emailsOf(fixture)).toEqual(['+0m confirm']);
    const decisions = fixture.store.journal.forUser('u', 50).flatMap((j) => j.decisions);
    expect(decisions.find((d) => d.nodeId === 'wait_api_key' && d.at === T0 + HOUR)?.message).toBe(
      'API key created happened after 1 hour → happened.',
    );
  });

  it('fires the wake-ups due before a late event first, then the event', () => {
    fixture = engineFixture(['integration-setup']);
    fixture.engine.ingest([identify('u'), track('u', 'integration_started', 0, { integration_type: 'custom_api' })]);
    // The key came at +3h, after the +2h timeout: the reminder was right, and it goes out first.
    fixture.clock.set(T0 + 4 * HOUR);
    fixture.engine.ingest([track('u', 'api_key_created', 3 * HOUR)]);
    expect(emailsOf(fixture)).toEqual(['+0m confirm', '+120m credential_help']);
    expect(fixture.store.runs.forUser('u')[0]).toMatchObject({ nodeId: 'wait_domain', nodeSince: T0 + 3 * HOUR });
  });
});

describe('events dated in the future (a client clock running fast)', () => {
  it('are not taken by a wait before their time: the run does not jump ahead', () => {
    fixture = engineFixture(['integration-setup']);
    fixture.engine.ingest([identify('u'), track('u', 'integration_started', 0, { integration_type: 'custom_api' })]);
    // Dated 10 hours ahead: too late for the 2-hour wait it arrives during.
    fixture.engine.ingest([track('u', 'api_key_created', 10 * HOUR)]);
    fixture.runUntil(3 * HOUR);
    expect(fixture.store.runs.forUser('u')[0]).toMatchObject({
      nodeId: 'wait_api_key_after_help',
      nodeSince: T0 + 2 * HOUR,
      wakeAt: T0 + 2 * HOUR + 3 * 24 * HOUR,
    });
  });
});

describe('profiles', () => {
  it('merges identify traits: new ones are added, repeated ones replaced, others kept', () => {
    fixture = engineFixture(['integration-setup']);
    fixture.engine.ingest([identify('u', { role: 'engineer', plan: 'free' })]);
    fixture.engine.ingest([identify('u', { plan: 'pro', company: 'Acme' }, MIN)]);
    expect(fixture.store.profiles.get('u')?.traits).toEqual({
      email: 'u@example.com',
      createdAt: new Date(T0).toISOString(),
      role: 'engineer',
      plan: 'pro',
      company: 'Acme',
    });
  });
});

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
    cleanup = async () => {
      await after.close();
      rmSync(dir, { recursive: true, force: true });
    };
    const rows = after.store.outbox.list({ limit: 10 }).map((r) => `+${(r.at - T0) / MIN}m ${r.nodeId}`);
    expect(rows.reverse()).toEqual(['+0m confirm', '+120m credential_help']);
  });
});
