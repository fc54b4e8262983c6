import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createEventBus } from '../../electron/api/events';
import { startPushes } from '../../electron/api/pushes';
import { ManualClock } from '../../electron/engine/clock';
import { createEngine } from '../../electron/engine/engine';
import { openStore, type Store } from '../../electron/store';
import type { UserEvent } from '../../shared/engine/types';
import { Journey } from '../../shared/journey/schema';
import { sampleJourney, tempDataDir } from '../store/fixtures';
import { createTestCore } from './harness';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const DELAY = 250;
let serial = 0;

const tracked = (event: string, userId: string): UserEvent => ({
  type: 'track',
  event,
  userId,
  timestamp: T0,
  properties: {},
  messageId: `m${++serial}`,
});
const signedUp = (userId: string) => tracked('signed_up', userId);
const pageViewed = (userId: string) => tracked('page_viewed', userId);

/** A real store with `welcome` published (it starts on signed_up), an engine, and the pushes it makes. */
function pushFixture() {
  const data = tempDataDir();
  const store: Store = openStore(data.dir);
  const journey = Journey.parse(sampleJourney('welcome'));
  store.journeys.saveDraft({ id: journey.id, name: journey.name, json: JSON.stringify(journey) });
  store.journeys.publish(journey.id);
  const bus = createEventBus();
  const seen: { event: string; payload: unknown }[] = [];
  bus.subscribe((event, payload) => seen.push({ event, payload }));
  const pushes = startPushes(bus, store.changes, { delayMs: DELAY, elsewhereMs: 1_000 });
  const engine = createEngine({
    store,
    clock: new ManualClock(T0),
    onChanged: (touched) => pushes.engineChanged(touched),
  });
  return {
    data,
    store,
    engine,
    seen,
    of: (event: string) => seen.filter((push) => push.event === event).map((push) => push.payload),
    close() {
      pushes.close();
      store.close();
      data.cleanup();
    },
  };
}

describe('pushes from what was written', () => {
  let f: ReturnType<typeof pushFixture>;
  beforeEach(() => {
    vi.useFakeTimers();
    f = pushFixture();
  });
  afterEach(() => {
    f.close();
    vi.useRealTimers();
  });

  test('a burst of ingestion is one push naming the people, and one for the journey they entered', () => {
    f.engine.ingest([signedUp('ada'), signedUp('bo')]);
    f.engine.ingest([signedUp('cy')]);
    f.engine.ingest([pageViewed('ada')]);
    expect(f.seen).toEqual([]);
    vi.advanceTimersByTime(DELAY);
    expect(f.of('people.changed')).toEqual([{ userIds: ['ada', 'bo', 'cy'], more: false }]);
    expect(f.of('runs.changed')).toEqual([{ journeyIds: ['welcome'], more: false }]);
    vi.advanceTimersByTime(10 * DELAY);
    expect(f.seen).toHaveLength(2);
  });

  test('events no journey reacts to change people, not runs', () => {
    f.engine.ingest([pageViewed('ada')]);
    vi.advanceTimersByTime(DELAY);
    expect(f.seen).toEqual([{ event: 'people.changed', payload: { userIds: ['ada'], more: false } }]);
  });

  test('past the id limit a push says `more` instead of listing everyone', () => {
    f.engine.ingest(Array.from({ length: 150 }, (_, i) => pageViewed(`u${i}`)));
    vi.advanceTimersByTime(DELAY);
    expect(f.of('people.changed')).toEqual([{ userIds: [], more: true }]);
  });

  test('a delivery recorded by the sender tells that person’s story changed', () => {
    f.store.outbox.add(
      {
        key: 'k1',
        runId: 'r1',
        userId: 'ada',
        journeyId: 'welcome',
        nodeId: 'hello',
        at: T0,
        payload: { kind: 'email', to: 'ada@example.com', from: 'a@example.com', subject: 'Hi', html: '', text: '' },
      },
      T0,
    );
    const [id] = f.store.outbox.dueIds(T0, 1);
    f.store.outbox.markRetry(id as number, 'ECONNREFUSED', T0 + 60_000);
    vi.advanceTimersByTime(DELAY);
    expect(f.of('people.changed')).toEqual([{ userIds: ['ada'], more: false }]);
    f.store.outbox.markSent(id as number, T0 + 60_000);
    vi.advanceTimersByTime(DELAY);
    expect(f.of('people.changed')).toHaveLength(2);
  });

  test('an email landing in the dev inbox, or clearing it, pushes inbox.changed', () => {
    f.store.inbox.add({
      messageId: '<1@x>',
      mailFrom: 'a@x',
      rcptTo: 'b@x',
      subject: 'Hi',
      raw: 'Subject: Hi\r\n\r\n',
      receivedAt: T0,
    });
    vi.advanceTimersByTime(DELAY);
    f.store.inbox.clear();
    vi.advanceTimersByTime(DELAY);
    expect(f.of('inbox.changed')).toEqual([{}, {}]);
  });

  test('nothing written, nothing pushed; other settings are not mail settings', () => {
    f.store.meta.set('engine.global_cap', 'null');
    vi.advanceTimersByTime(20 * DELAY);
    expect(f.seen).toEqual([]);
  });

  test('a store closed while pushes still look (a core that failed to start) neither throws nor pushes', () => {
    f.store.close();
    expect(() => vi.advanceTimersByTime(5_000)).not.toThrow();
    expect(f.seen).toEqual([]);
  });

  test('a write by another process on the data folder refreshes everything at the next look', () => {
    const other = openStore(f.data.dir);
    try {
      other.meta.set('written.elsewhere', '1');
    } finally {
      other.close();
    }
    vi.advanceTimersByTime(1_000 + DELAY);
    expect(f.of('people.changed')).toEqual([{ userIds: [], more: true }]);
    expect(f.of('runs.changed')).toEqual([{ journeyIds: [], more: true }]);
    expect(f.of('inbox.changed')).toHaveLength(1);
    expect(f.of('mail.settings.changed')).toHaveLength(1);
  });
});

describe('the app core', () => {
  let core: ReturnType<typeof createTestCore>['core'];
  let cleanup: () => Promise<void>;
  beforeEach(() => {
    ({ core, cleanup } = createTestCore());
  });
  afterEach(async () => {
    await cleanup();
  });

  test('a draft save does not reload the live journeys; publishing does', async () => {
    const call = (name: string, args: unknown) => core.registry.dispatch(name, args);
    const before = core.runtime.engine.live.current();
    expect(await call('journey.save', { journey: sampleJourney('welcome', 'Renamed draft') })).toMatchObject({
      ok: true,
    });
    expect(core.runtime.engine.live.current()).toBe(before);
    expect(await call('journey.publish', { id: 'welcome' })).toMatchObject({ ok: true });
    const live = core.runtime.engine.live.current();
    expect(live).not.toBe(before);
    expect(live.map((compiled) => compiled.journey.id)).toEqual(['welcome']);
    expect(await call('journey.save', { journey: sampleJourney('welcome', 'Another draft') })).toMatchObject({
      ok: true,
    });
    expect(core.runtime.engine.live.current()).toBe(live);
  });

  test('saving the SMTP settings pushes mail.settings.changed to open windows', async () => {
    const seen: string[] = [];
    core.events.subscribe((event) => seen.push(event));
    const saved = await core.registry.dispatch('mail.settings.save', { host: '127.0.0.1', port: 2525, secure: false });
    expect(saved).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(seen).toContain('mail.settings.changed'));
  });
});
