import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type AppCore, createAppCore } from '../../electron/app/core';
import { ManualClock } from '../../electron/engine/clock';
import { parseFrequencyCap } from '../../electron/engine/sending-limits';
import type { JourneyInput } from '../../shared/journey/schema';

const root = join(import.meta.dirname, '../..');
const T0 = Date.parse('2026-03-02T09:00:00Z');
const HOUR = 3_600_000;

let dir: string | undefined;
let core: AppCore | undefined;
afterEach(async () => {
  await core?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  core = undefined;
  dir = undefined;
});

function start(env: Record<string, string> = {}) {
  dir = mkdtempSync(join(tmpdir(), 'dripagent-limits-'));
  const clock = new ManualClock(T0);
  core = createAppCore({
    dataDir: dir,
    resourcesDir: join(root, 'resources'),
    host: 'server',
    clock,
    startScheduler: false,
    env,
  });
  return { core, clock };
}

/** A journey that sends one email when `event` happens. */
const oneEmail = (id: string, event: string): JourneyInput => ({
  formatVersion: 1,
  id,
  name: id,
  nodes: [
    { id: 'go', type: 'trigger', position: { x: 0, y: 0 }, config: { event } },
    { id: 'mail', type: 'email', position: { x: 0, y: 100 }, config: { template: 'hi' } },
  ],
  edges: [{ id: 'a', from: 'go', output: 'next', to: 'mail' }],
  exitRules: [],
  settings: {},
  templates: { hi: { subject: `From ${id}`, html: '<p>Hi</p>', text: 'Hi' } },
});

async function call(app: AppCore, name: string, args: unknown) {
  return app.registry.dispatch(name, args);
}

const IDS = ['a', 'b', 'c', 'd'];

/** Publishes journeys a to d, then sends u their four trigger events an hour apart. */
async function fourJourneysOneUser(app: AppCore, clock: ManualClock) {
  for (const id of IDS) {
    const event = `did_${id}`;
    expect((await call(app, 'journey.save', { journey: oneEmail(id, event) })).ok).toBe(true);
    expect((await call(app, 'journey.publish', { id })).ok).toBe(true);
  }
  app.runtime.engine.ingest([
    { type: 'identify', userId: 'u', timestamp: T0, traits: { email: 'u@example.com' }, messageId: 'i' },
  ]);
  IDS.map((id) => `did_${id}`).forEach((event, i) => {
    clock.set(T0 + i * HOUR);
    app.runtime.engine.ingest([
      { type: 'track', event, userId: 'u', timestamp: T0 + i * HOUR, properties: {}, messageId: event },
    ]);
  });
  return app.store.outbox
    .list({ limit: 10 })
    .map((r) => r.journeyId)
    .sort();
}

describe('the frequency cap across journeys', () => {
  it('reads DRIPAGENT_FREQUENCY_CAP as N/duration or off, and names a bad value', () => {
    expect(parseFrequencyCap('3/24h')).toEqual({ max: 3, per: '24h' });
    expect(parseFrequencyCap(' 10 / 7d ')).toEqual({ max: 10, per: '7d' });
    expect(parseFrequencyCap('off')).toBeNull();
    expect(() => parseFrequencyCap('3 per day')).toThrow(
      'DRIPAGENT_FREQUENCY_CAP="3 per day" is not a cap: write e.g. 3/24h (3 emails per 24 hours) or off',
    );
    for (const bad of ['0/24h', '5000/24h', '3/0h', '3/', 'on'])
      expect(() => parseFrequencyCap(bad)).toThrow(/is not a cap/);
  });

  it('defaults to 3 per 24 hours, and a saved cap applies across journeys at once and after a restart', async () => {
    const first = start();
    expect(await call(first.core, 'engine.limits.get', {})).toEqual({
      ok: true,
      result: { globalCap: { max: 3, per: '24h' }, fromEnv: false },
    });
    const saved = await call(first.core, 'engine.limits.save', { globalCap: { max: 2, per: '24h' } });
    expect(saved).toEqual({ ok: true, result: { globalCap: { max: 2, per: '24h' }, fromEnv: false } });
    expect(await fourJourneysOneUser(first.core, first.clock)).toEqual(['a', 'b']);
    // (With the default of 3 a day, a, b and c would have been sent.)
    const trace = await call(first.core, 'user.trace', { userId: 'u' });
    expect(trace.ok && (trace.result as { outcomes: unknown[] }).outcomes).toContainEqual(
      expect.objectContaining({ journeyId: 'c', type: 'skip', reason: 'frequency_cap' }),
    );

    const keptDir = dir as string;
    await first.core.close();
    core = createAppCore({ dataDir: keptDir, resourcesDir: join(root, 'resources'), host: 'server', env: {} });
    expect(await call(core, 'engine.limits.get', {})).toMatchObject({ result: { globalCap: { max: 2, per: '24h' } } });
  });

  it('can be turned off, and refuses a bad cap with the field named', async () => {
    const { core: app, clock } = start();
    const bad = await call(app, 'engine.limits.save', { globalCap: { max: 0, per: 'a day' } });
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).toMatch(/max[\s\S]*at least 1/);
    expect(JSON.stringify(bad)).toMatch(/per[\s\S]*duration like 24h/);
    expect((await call(app, 'engine.limits.save', { globalCap: { max: 1, per: '24h' } })).ok).toBe(true);
    expect((await call(app, 'engine.limits.save', { globalCap: null })).ok).toBe(true);
    // Off: all four, one more than the default of 3 a day would allow.
    expect(await fourJourneysOneUser(app, clock)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('is set by DRIPAGENT_FREQUENCY_CAP over Settings, which then refuses to change it', async () => {
    const { core: app, clock } = start({ DRIPAGENT_FREQUENCY_CAP: '1/12h' });
    expect(await call(app, 'engine.limits.get', {})).toEqual({
      ok: true,
      result: { globalCap: { max: 1, per: '12h' }, fromEnv: true },
    });
    const refused = await call(app, 'engine.limits.save', { globalCap: null });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('DRIPAGENT_FREQUENCY_CAP') },
    });
    expect(await fourJourneysOneUser(app, clock)).toEqual(['a']);
  });
});
