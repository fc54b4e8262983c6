import { describe, expect, test } from 'vitest';
import { createEventBus } from '../../electron/api/events';
import { API_EVENT_NAMES, apiEventSpec, MAX_PUSHED_IDS } from '../../shared/api/events';

const summary = {
  id: 'welcome',
  name: 'Welcome',
  status: 'draft',
  updatedAt: '2026-03-02T09:00:00.000Z',
  latestVersion: null,
  hasUnpublishedChanges: true,
};

describe('the push contract', () => {
  test('every push has a schema, and nothing else is a push', () => {
    expect(API_EVENT_NAMES.sort()).toEqual(
      [
        'inbox.changed',
        'journeys.changed',
        'mail.settings.changed',
        'metrics.progress',
        'mail.suppressions.changed',
        'people.changed',
        'replay.progress',
        'runs.changed',
      ].sort(),
    );
  });

  test('journeys.changed says which journey, whether its draft or what runs changed, and its row now', () => {
    const spec = apiEventSpec['journeys.changed'];
    expect(spec.safeParse({ id: 'welcome', scope: 'draft', summary }).success).toBe(true);
    expect(spec.safeParse({ id: 'welcome', scope: 'live', summary: null }).success).toBe(true);
    // The old hint without its scope would make the engine reload on every autosave.
    expect(spec.safeParse({ ids: ['welcome'] }).success).toBe(false);
    expect(spec.safeParse({ id: 'welcome', scope: 'everything', summary }).success).toBe(false);
    expect(spec.safeParse({ id: 'welcome', scope: 'draft' }).success).toBe(false);
  });

  test('pushes that name ids stay small: past the limit they say `more` instead', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);
    expect(apiEventSpec['people.changed'].safeParse({ userIds: ids(MAX_PUSHED_IDS), more: false }).success).toBe(true);
    expect(apiEventSpec['people.changed'].safeParse({ userIds: ids(MAX_PUSHED_IDS + 1), more: false }).success).toBe(
      false,
    );
    expect(apiEventSpec['runs.changed'].safeParse({ journeyIds: [], more: true }).success).toBe(true);
    expect(apiEventSpec['runs.changed'].safeParse({ journeyIds: ['a'] }).success).toBe(false);
  });
});

describe('the push bus', () => {
  test('delivers a push as its schema reads it, to every subscriber', () => {
    const bus = createEventBus();
    const seen: unknown[] = [];
    bus.subscribe((event, payload) => seen.push([event, payload]));
    bus.subscribe((event) => seen.push(event));
    bus.emit('inbox.changed', {});
    expect(seen).toEqual([['inbox.changed', {}], 'inbox.changed']);
  });

  test('does not send a push that breaks its contract, and says so', () => {
    const problems: string[] = [];
    const bus = createEventBus({ onInvalid: (event, message) => problems.push(`${event}: ${message}`) });
    const seen: unknown[] = [];
    bus.subscribe((event, payload) => seen.push([event, payload]));
    // A caller that forgot the scope (the types would not let it compile; the schema still checks).
    bus.emit('journeys.changed', { id: 'welcome', summary } as never);
    expect(seen).toEqual([]);
    expect(problems).toEqual([expect.stringContaining('journeys.changed')]);
  });

  test('one failing subscriber does not stop the others', () => {
    const bus = createEventBus();
    const seen: string[] = [];
    bus.subscribe(() => {
      throw new Error('window destroyed');
    });
    bus.subscribe((event) => seen.push(event));
    const quiet = console.error;
    console.error = () => {};
    try {
      bus.emit('mail.settings.changed', {});
    } finally {
      console.error = quiet;
    }
    expect(seen).toEqual(['mail.settings.changed']);
  });
});
