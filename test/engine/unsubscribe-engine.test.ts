import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { AppCore } from '../../electron/app/core';
import { ManualClock } from '../../electron/engine/clock';
import { seedCore } from './harness';

let core: AppCore;
let dir: string;
afterEach(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

it('an unsubscribed user gets no more reminders, and the reason is recorded', async () => {
  dir = mkdtempSync(join(tmpdir(), 'dripagent-unsub-'));
  const t0 = Date.parse('2026-03-02T09:00:00Z');
  const clock = new ManualClock(t0);
  core = seedCore(dir, clock);
  core.store.journeys.publish('integration-setup');
  core.runtime.engine.journeysChanged();
  core.runtime.engine.ingest([
    {
      type: 'identify',
      userId: 'u',
      timestamp: t0,
      traits: { email: 'u@example.com', createdAt: new Date(t0).toISOString() },
      messageId: 'i1',
    },
    { type: 'track', event: 'integration_started', userId: 'u', timestamp: t0, properties: {}, messageId: 's1' },
  ]);
  expect(core.mail.unsubscribe('u', 'one-click')).toBe(true);
  clock.set(t0 + 3 * 3_600_000);
  core.runtime.engine.fireDue();
  const outcomes = core.store.journal.forUser('u', 100).flatMap((j) => j.outcomes);
  expect(outcomes.find((o) => o.nodeId === 'credential_help')).toMatchObject({ type: 'skip', reason: 'unsubscribed' });
  expect(core.store.profiles.get('u')?.traits).toMatchObject({ unsubscribed: true, unsubscribe_reason: 'one-click' });
});
