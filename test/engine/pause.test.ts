import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine/engine';
import { Journey } from '../../shared/journey/schema';
import { engineFixture, HOUR, identify, MIN, T0, track } from './harness';

let fixture: ReturnType<typeof engineFixture>;
afterEach(() => fixture?.close());

/** start → wait up to 1 hour for `x` → (happened) a webhook → an email. */
const waitThenSend = Journey.parse({
  formatVersion: 1,
  id: 'w',
  name: 'Wait then send',
  nodes: [
    { id: 'go', type: 'trigger', position: { x: 0, y: 0 }, config: { event: 'start' } },
    { id: 'wait_x', type: 'wait', position: { x: 0, y: 100 }, config: { event: 'x', timeout: '1h' } },
    {
      id: 'hook',
      type: 'webhook',
      position: { x: 0, y: 200 },
      config: { url: 'http://127.0.0.1:9/hook', body: '{"user":"{{ user.id }}"}' },
    },
    { id: 'mail', type: 'email', position: { x: 0, y: 300 }, config: { template: 'hi' } },
  ],
  edges: [
    { id: 'a', from: 'go', output: 'next', to: 'wait_x' },
    { id: 'b', from: 'wait_x', output: 'happened', to: 'hook' },
    { id: 'c', from: 'hook', output: 'next', to: 'mail' },
  ],
  exitRules: [],
  settings: { maxLateness: '6h' },
  templates: { hi: { subject: 'Hi', html: '<p>Hi <a href="{{ unsubscribe_url }}">unsubscribe</a></p>', text: 'Hi' } },
});

function publishWaitThenSend() {
  fixture.store.journeys.saveDraft({ id: 'w', name: waitThenSend.name, json: JSON.stringify(waitThenSend) });
  fixture.store.journeys.publish('w');
  fixture.engine.journeysChanged();
}

function setPaused(id: string, paused: boolean) {
  fixture.store.journeys.setStatus(id, paused ? 'paused' : 'live');
  fixture.engine.journeysChanged();
}

/** u enters "Wait then send", the journey is paused, and u does `x` 10 minutes in. */
function enterThenPauseThenX() {
  fixture = engineFixture([]);
  publishWaitThenSend();
  fixture.engine.ingest([identify('u'), track('u', 'start', 0)]);
  setPaused('w', true);
  fixture.clock.set(T0 + 10 * MIN);
  fixture.engine.ingest([track('u', 'x', 10 * MIN)]);
}

const sent = () =>
  fixture.store.outbox
    .list({ limit: 100 })
    .map((r) => `${r.kind} ${r.nodeId} +${(r.at - T0) / MIN}m`)
    .reverse();

const decisions = (userId: string) =>
  fixture.store.journal.forUser(userId, 100).flatMap((j) => j.decisions.map((d) => `${d.nodeId}: ${d.message}`));

describe('pausing a journey', () => {
  it('holds what a waited-for event would send, and sends it on resume', () => {
    enterThenPauseThenX();
    fixture.runUntil(HOUR);
    expect(sent()).toEqual([]);
    expect(fixture.store.runs.forUser('u')[0]).toMatchObject({ status: 'active', nodeId: 'hook' });
    expect(decisions('u')).toContain('hook: Webhook held: the journey is paused. It goes out when it is resumed.');

    setPaused('w', false);
    while (fixture.engine.fireDue() > 0) {}
    expect(sent()).toEqual(['webhook hook +10m', 'email mail +10m']);
  });

  it('skips a held webhook and email as stale when the pause outlasts max lateness', () => {
    enterThenPauseThenX();
    fixture.runUntil(8 * HOUR);
    setPaused('w', false);
    while (fixture.engine.fireDue() > 0) {}
    // Max lateness holds every outside effect, webhooks as well as emails.
    expect(sent()).toEqual([]);
    const outcomes = fixture.store.journal.forUser('u', 100).flatMap((j) => j.outcomes);
    expect(outcomes.find((o) => o.nodeId === 'hook')).toMatchObject({ type: 'skip', reason: 'stale' });
    expect(outcomes.find((o) => o.nodeId === 'mail')).toMatchObject({ type: 'skip', reason: 'stale' });
  });

  it("does not fire a paused journey's due reminder when the user sends an unrelated event", () => {
    fixture = engineFixture(['integration-setup']);
    fixture.engine.ingest([identify('u'), track('u', 'integration_started', 0)]);
    setPaused('integration-setup', true);
    fixture.clock.set(T0 + 3 * HOUR);
    fixture.engine.ingest([identify('u', { role: 'engineer' }, 3 * HOUR), track('u', 'page_viewed', 3 * HOUR)]);
    expect(sent()).toEqual(['email confirm +0m']);

    setPaused('integration-setup', false);
    while (fixture.engine.fireDue() > 0) {}
    expect(sent()).toEqual(['email confirm +0m', 'email credential_help +120m']);
  });

  it('still applies exit rules while paused', () => {
    fixture = engineFixture(['integration-setup']);
    fixture.engine.ingest([identify('u'), track('u', 'integration_started', 0)]);
    setPaused('integration-setup', true);
    fixture.clock.set(T0 + 30 * MIN);
    fixture.engine.ingest([track('u', 'sync_completed', 30 * MIN)]);
    setPaused('integration-setup', false);
    fixture.runUntil(5 * 24 * HOUR);
    expect(sent()).toEqual(['email confirm +0m']);
    expect(fixture.store.runs.forUser('u')[0]).toMatchObject({ status: 'done', endReason: 'sync_completed' });
  });

  it('counts what people did during the pause: a run resumed late takes a step they already took', () => {
    fixture = engineFixture(['integration-setup']);
    fixture.engine.ingest([identify('u'), track('u', 'integration_started', 0, { integration_type: 'custom_api' })]);
    setPaused('integration-setup', true);
    // The 2-hour API key wait times out during the pause; the key comes at +3h, still in the pause.
    fixture.clock.set(T0 + 3 * HOUR);
    fixture.engine.ingest([track('u', 'api_key_created', 3 * HOUR)]);
    fixture.clock.set(T0 + 4 * HOUR);
    setPaused('integration-setup', false);
    while (fixture.engine.fireDue() > 0) {}
    // The reminder was due at +2h and is within max lateness, so it goes out; then the key,
    // created at +3h, moves the run on as it would have without the pause.
    expect(sent()).toEqual(['email confirm +0m', 'email credential_help +120m']);
    expect(fixture.store.runs.forUser('u')[0]).toMatchObject({ nodeId: 'wait_domain', nodeSince: T0 + 3 * HOUR });
    fixture.runUntil(80 * HOUR);
    expect(fixture.store.runs.forUser('u')[0]?.endReason).not.toBe('setup_abandoned');
  });

  it('follows a publish and a pause made by another process on the same data folder', () => {
    fixture = engineFixture([]);
    const other = createEngine({ store: fixture.store, clock: fixture.clock });
    // The other process publishes: this engine (never told) lets u enter at its next write.
    fixture.store.journeys.saveDraft({ id: 'w', name: waitThenSend.name, json: JSON.stringify(waitThenSend) });
    fixture.store.journeys.publish('w');
    other.journeysChanged();
    fixture.engine.ingest([identify('u'), track('u', 'start', 0)]);
    expect(fixture.store.runs.forUser('u')[0]).toMatchObject({ journeyId: 'w', nodeId: 'wait_x' });
    // The other process pauses: this engine holds the send x would cause.
    fixture.store.journeys.setStatus('w', 'paused');
    other.journeysChanged();
    fixture.clock.set(T0 + 10 * MIN);
    fixture.engine.ingest([track('u', 'x', 10 * MIN)]);
    expect(sent()).toEqual([]);
    expect(fixture.store.runs.forUser('u')[0]).toMatchObject({ status: 'active', nodeId: 'hook' });
  });

  it('catches a looping wait up on thousands of events from a long pause, step by step', () => {
    fixture = engineFixture([]);
    const loop = Journey.parse({
      formatVersion: 1,
      id: 'loop',
      name: 'Each visit',
      nodes: [
        { id: 'go', type: 'trigger', position: { x: 0, y: 0 }, config: { event: 'start' } },
        { id: 'pause_first', type: 'delay', position: { x: 0, y: 100 }, config: { mode: 'duration', duration: '1h' } },
        {
          id: 'visit',
          type: 'wait',
          position: { x: 0, y: 200 },
          config: { event: 'page_viewed', timeout: '7d', lookback: 'none' },
        },
      ],
      edges: [
        { id: 'a', from: 'go', output: 'next', to: 'pause_first' },
        { id: 'b', from: 'pause_first', output: 'next', to: 'visit' },
        { id: 'c', from: 'visit', output: 'happened', to: 'visit' },
      ],
      exitRules: [],
      settings: {},
      templates: {},
    });
    fixture.store.journeys.saveDraft({ id: 'loop', name: loop.name, json: JSON.stringify(loop) });
    fixture.store.journeys.publish('loop');
    fixture.engine.journeysChanged();
    fixture.engine.ingest([identify('u'), track('u', 'start', 0)]);
    setPaused('loop', true);
    const visits = Array.from({ length: 3000 }, (_, i) => track('u', 'page_viewed', 2 * HOUR + i * 1000));
    fixture.clock.set(T0 + 3 * HOUR);
    fixture.engine.ingest(visits);
    setPaused('loop', false);
    while (fixture.engine.fireDue() > 0) {}
    const [run] = fixture.store.runs.forUser('u');
    expect(run).toMatchObject({ status: 'active', nodeId: 'visit', nodeSince: T0 + 2 * HOUR + 2999 * 1000 });
    expect(run?.visits.visit).toBe(3001);
  });
});
