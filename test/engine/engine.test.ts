import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine/engine';
import { simulate } from '../../shared/engine/simulate';
import { Journey } from '../../shared/journey/schema';
import { engineFixture, HOUR, identify, MIN, T0, track } from './harness';

let fixture: ReturnType<typeof engineFixture>;
afterEach(() => fixture?.close());

const emails = () =>
  fixture.store.outbox
    .list({ limit: 100 })
    .filter((r) => r.kind === 'email')
    .map((r) => `+${(r.at - T0) / MIN}m ${r.nodeId}`)
    .reverse();

describe('the live engine', () => {
  it('sends the confirmation as soon as integration_started is ingested', () => {
    fixture = engineFixture();
    fixture.clock.set(T0 + 5 * MIN);
    fixture.engine.ingest([
      identify('u'),
      track('u', 'integration_started', 5 * MIN, { integration_type: 'custom_api' }),
    ]);
    expect(emails()).toEqual(['+5m confirm']);
    const row = fixture.store.outbox.list({ limit: 1 })[0];
    expect(row?.payload).toMatchObject({
      kind: 'email',
      to: 'u@example.com',
      subject: 'Finish connecting your data source in 5 minutes',
    });
  });

  it('fires the credential reminder when its wake-up comes due', () => {
    fixture = engineFixture();
    fixture.engine.ingest([identify('u'), track('u', 'integration_started', 0, { integration_type: 'custom_api' })]);
    fixture.runUntil(HOUR);
    expect(emails()).toEqual(['+0m confirm']);
    fixture.runUntil(3 * HOUR);
    expect(emails()).toEqual(['+0m confirm', '+120m credential_help']);
  });

  it('stores and evaluates the same messageId once', () => {
    fixture = engineFixture();
    const first = fixture.engine.ingest([identify('u'), track('u', 'integration_started', 0, {}, 'same')]);
    const again = fixture.engine.ingest([track('u', 'integration_started', 0, {}, 'same')]);
    expect(first).toEqual({ accepted: 2, duplicates: 0 });
    expect(again).toEqual({ accepted: 0, duplicates: 1 });
    expect(emails()).toEqual(['+0m confirm']);
  });

  it('removes a user mid-wait on an exit event', () => {
    fixture = engineFixture();
    fixture.engine.ingest([identify('u'), track('u', 'integration_started', 0)]);
    fixture.clock.set(T0 + 30 * MIN);
    fixture.engine.ingest([track('u', 'sync_completed', 30 * MIN)]);
    fixture.runUntil(5 * 24 * HOUR);
    expect(emails()).toEqual(['+0m confirm']);
    expect(fixture.store.runs.forUser('u')[0]).toMatchObject({ status: 'done', endReason: 'sync_completed' });
  });

  it('skips a reminder as stale after a long sleep, and says so', () => {
    fixture = engineFixture();
    fixture.engine.ingest([identify('u'), track('u', 'integration_started', 0, { integration_type: 'custom_api' })]);
    fixture.clock.set(T0 + 10 * HOUR); // the laptop slept through the 2 h reminder
    fixture.engine.fireDue();
    expect(emails()).toEqual(['+0m confirm']);
    const journal = fixture.store.journal.forUser('u', 10).flatMap((j) => j.outcomes);
    expect(journal.find((o) => o.nodeId === 'credential_help')).toMatchObject({ type: 'skip', reason: 'stale' });
  });

  it('gives the same outcomes as the simulator for the same events (one interpreter)', () => {
    fixture = engineFixture();
    const events = [
      identify('a'),
      track('a', 'integration_started', 5 * MIN, { integration_type: 'stripe' }),
      track('a', 'api_key_created', 50 * MIN),
      identify('b', { role: 'engineer' }),
      track('b', 'integration_started', 10 * MIN, { integration_type: 'custom_api' }),
      track('b', 'setup_error_seen', 20 * MIN, { error_code: '401' }),
      track('b', 'setup_error_seen', 40 * MIN, { error_code: '401' }),
      track('b', 'test_event_sent', 3 * HOUR),
    ];
    // Feed each event when its time comes, as the live host would receive them.
    for (const event of [...events].sort((x, y) => x.timestamp - y.timestamp)) {
      fixture.runUntil(event.timestamp - T0);
      fixture.engine.ingest([event]);
    }
    fixture.runUntil(10 * 24 * HOUR);
    const live = fixture.store.journal
      .forUser('a', 1000)
      .concat(fixture.store.journal.forUser('b', 1000))
      .flatMap((j) => j.outcomes)
      .sort((x, y) => x.at - y.at || x.userId.localeCompare(y.userId));
    const journeys = fixture.engine.live.current().map((c) => Journey.parse(c.journey));
    const simulated = simulate({ journeys, events }).outcomes.sort(
      (x, y) => x.at - y.at || x.userId.localeCompare(y.userId),
    );
    expect(simulated.filter((o) => o.type === 'email').length).toBeGreaterThanOrEqual(4);
    expect(live.length).toBe(simulated.length);
    expect(live).toEqual(simulated);
  });

  it('drops a messageId seen before, even from another user, as the simulator does', () => {
    fixture = engineFixture();
    const events = [
      identify('a'),
      identify('b'),
      track('a', 'integration_started', 5 * MIN, { integration_type: 'stripe' }, 'same-id'),
      track('b', 'integration_started', 6 * MIN, { integration_type: 'stripe' }, 'same-id'),
    ];
    for (const event of events) {
      fixture.runUntil(event.timestamp - T0);
      fixture.engine.ingest([event]);
    }
    const journeys = fixture.engine.live.current().map((c) => Journey.parse(c.journey));
    const entered = (outcomes: { type: string; userId: string }[]) =>
      outcomes.filter((o) => o.type === 'enter').map((o) => o.userId);
    const live = ['a', 'b'].flatMap((u) => fixture.store.journal.forUser(u, 100).flatMap((j) => j.outcomes));
    expect(entered(live)).toEqual(['a']);
    expect(entered(simulate({ journeys, events }).outcomes)).toEqual(['a']);
  });

  it('keeps users on their version when a new one is published', () => {
    fixture = engineFixture(['integration-setup']);
    fixture.engine.ingest([identify('u'), track('u', 'integration_started', 0)]);
    const draft = JSON.parse(fixture.store.journeys.get('integration-setup')?.draft ?? '{}');
    draft.templates.credential_help.subject = 'Version two';
    fixture.store.journeys.saveDraft({ id: draft.id, name: draft.name, json: JSON.stringify(draft) });
    fixture.store.journeys.publish(draft.id);
    fixture.engine.journeysChanged();
    fixture.engine.ingest([identify('v'), track('v', 'integration_started', 0)]);
    fixture.runUntil(3 * HOUR);
    const subjects = fixture.store.outbox
      .list({ limit: 10 })
      .filter((r) => r.nodeId === 'credential_help')
      .map((r) => [r.userId, r.payload.kind === 'email' ? r.payload.subject : '']);
    expect(subjects.sort()).toEqual([
      ['u', 'Create your API key to keep the integration setup moving'],
      ['v', 'Version two'],
    ]);
  });

  it("holds a paused journey's wake-ups and entries until it is resumed", () => {
    fixture = engineFixture(['integration-setup']);
    fixture.engine.ingest([identify('u'), track('u', 'integration_started', 0)]);
    fixture.store.journeys.setStatus('integration-setup', 'paused');
    fixture.engine.journeysChanged();
    fixture.engine.ingest([identify('v'), track('v', 'integration_started', MIN)]);
    fixture.runUntil(3 * HOUR);
    expect(emails()).toEqual(['+0m confirm']);
    fixture.store.journeys.setStatus('integration-setup', 'live');
    fixture.engine.journeysChanged();
    fixture.clock.set(T0 + 3 * HOUR);
    fixture.engine.fireDue();
    expect(emails()).toEqual(['+0m confirm', '+120m credential_help']);
  });

  it('fires a wake-up at a step that does not wait once, and clears it (it does not spin)', () => {
    fixture = engineFixture(['integration-setup']);
    fixture.engine.ingest([identify('u'), track('u', 'integration_started', 0)]);
    // A damaged run: waiting at a condition, which never waits (e.g. an edited file or a bug).
    const run = fixture.store.runs.forUser('u')[0];
    if (!run) throw new Error('no run');
    fixture.store.runs.save({ ...run, nodeId: 'known_error', wakeAt: T0 + MIN }, false);
    fixture.engine.states.clear();
    fixture.clock.set(T0 + 2 * MIN);
    expect(fixture.engine.fireDue()).toBe(1);
    expect(fixture.engine.fireDue()).toBe(0);
    expect(fixture.store.runs.forUser('u')[0]).toMatchObject({ nodeId: 'known_error', wakeAt: null });
    const ignored = fixture.store.journal
      .forUser('u', 100)
      .flatMap((j) => j.decisions)
      .filter((d) => d.message.startsWith('Ignored a wake-up'));
    expect(ignored).toHaveLength(1);
  });

  it('sees a state written by another process on the same data folder', () => {
    fixture = engineFixture(['integration-setup']);
    fixture.engine.ingest([identify('u'), track('u', 'integration_started', 0)]);
    const other = createEngine({ store: fixture.store, clock: fixture.clock });
    other.ingest([track('u', 'sync_completed', MIN)]);
    fixture.runUntil(3 * HOUR);
    expect(emails()).toEqual(['+0m confirm']);
  });
});
