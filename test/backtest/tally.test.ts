import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeCounts } from '../../electron/backtest/counts';
import { replayHistory } from '../../electron/backtest/replay-history';
import { createBacktestTally } from '../../electron/backtest/tally';
import { openStore, type Store } from '../../electron/store';
import { isHoldout } from '../../shared/engine/holdout';
import type { UserEvent } from '../../shared/engine/types';
import type { Goal, Journey } from '../../shared/journey/schema';
import { HOUR, identify, loadSeed, MIN, T0, track } from '../events';

const seed = loadSeed('integration-setup');
const window = { from: T0 + HOUR, to: T0 + 3 * HOUR };
const api = { integration_type: 'custom_api' };

/** ann stalls (reminder at +2h), bob creates his key at +40m, carol syncs at +1h30m while waiting for it. */
const people: Record<string, UserEvent[]> = {
  ann: [identify('ann'), track('ann', 'integration_started', 0, api)],
  bob: [identify('bob'), track('bob', 'integration_started', 10 * MIN, api), track('bob', 'api_key_created', 40 * MIN)],
  carol: [identify('carol'), track('carol', 'integration_started', 0, api), track('carol', 'sync_completed', 90 * MIN)],
};

describe('the backtest tally', () => {
  it('counts only what happens in [from, to), worked out by hand', async () => {
    const tally = createBacktestTally(seed, window);
    for (const [userId, events] of Object.entries(people)) tally.replay(userId, events);
    const counts = tally.counts();
    // In the window: carol leaves at +1h30m (exit rule, while waiting for the key); ann's wait times
    // out at +2h and she gets credential_help. Everything of bob's (and both confirms) is before it.
    expect(counts.by_node).toEqual([
      { nodeId: 'wait_api_key', type: 'exit', count: 1 },
      { nodeId: 'credential_help', type: 'email', count: 1 },
    ]);
    expect(counts.users).toBe(2);
    expect(counts.emails_per_day).toEqual([{ day: '2026-03-02', nodeId: 'credential_help', count: 1 }]);
    expect(counts.exits).toEqual([{ reason: 'sync_completed', count: 1 }]);
    expect(counts.reached).toEqual([
      { nodeId: 'known_error', count: 1 },
      { nodeId: 'credential_help', count: 1 },
      { nodeId: 'wait_api_key_after_help', count: 1 },
    ]);
    expect(counts.edges).toEqual([
      { edgeId: 'wait_api_key-timed_out-known_error', count: 1 },
      { edgeId: 'known_error-false-credential_help', count: 1 },
      { edgeId: 'credential_help-next-wait_api_key_after_help', count: 1 },
    ]);
    // Two runs left the API-key wait in the window: carol by acting (the exit rule), ann by time.
    expect(counts.waits).toEqual([{ nodeId: 'wait_api_key', waited: 2, acted: 1, happened: 0, actAfterMs: 0 }]);
  });

  it('counts nothing for a period before anyone started', async () => {
    const tally = createBacktestTally(seed, { from: T0 - 2 * HOUR, to: T0 - HOUR });
    for (const [userId, events] of Object.entries(people)) tally.replay(userId, events);
    expect(tally.counts()).toMatchObject({ users: 0, by_node: [], emails_per_day: [], exits: [] });
  });
});

describe('replaying stored history', () => {
  let dir: string;
  let store: Store;
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function storeEvents(events: UserEvent[]) {
    dir = mkdtempSync(join(tmpdir(), 'dripagent-replay-'));
    store = openStore(dir);
    // Stored latest first: the replay reads each user's events in time order all the same (events
    // at the same moment keep the order they arrived in, as the live engine takes them).
    const latestFirst = [...events].sort((a, b) => b.timestamp - a.timestamp);
    for (const event of latestFirst) store.events.insert(event, T0);
  }

  it('reads each user in time order and gives the same counts as replaying the events directly', async () => {
    storeEvents(Object.values(people).flat());
    const fromStore = createBacktestTally(seed, window);
    expect(await replayHistory(store.history, [fromStore], window.to)).toBe(true);
    const direct = createBacktestTally(seed, window);
    for (const [userId, events] of Object.entries(people)) direct.replay(userId, events);
    expect(fromStore.counts()).toEqual(direct.counts());
  });

  it("leaves out events the journey never looks at and what its own track steps recorded live, but not other journeys'", async () => {
    storeEvents([
      ...(people.ann as UserEvent[]),
      track('ann', 'page_viewed', 5 * MIN),
      track(
        'ann',
        'setup_abandoned',
        6 * MIN,
        { journey_id: 'integration-setup' },
        'dripagent:integration-setup:ann:1/setup_abandoned/1',
      ),
      track('ann', 'sync_completed', 7 * MIN, { journey_id: 'other' }, 'dripagent:other:ann:1/sync/1'),
    ]);
    const tally = createBacktestTally(seed, { from: T0, to: window.to });
    await replayHistory(store.history, [tally], window.to);
    // identify, integration_started and the other journey's sync_completed (which ends ann's run).
    expect(tally.counts().events).toBe(3);
    expect(tally.counts().exits).toEqual([{ reason: 'sync_completed', count: 1 }]);
  });

  it('splits the users into ranges that cover each of them once, for threads side by side', async () => {
    storeEvents(Object.values(people).flat());
    const ranges = store.history.split(window.to, 2);
    expect(ranges).toEqual([
      { from: null, to: 'bob' },
      { from: 'bob', to: null },
    ]);
    const usersIn = ranges.map((range) => [...store.history.usersBefore(window.to, range)].map((u) => u.userId));
    expect(usersIn).toEqual([['ann'], ['bob', 'carol']]);
    expect(ranges.map((range) => store.history.countUsers(window.to, range))).toEqual([1, 2]);
    // More threads than users: no empty or repeated range.
    expect(store.history.split(window.to, 5).length).toBe(3);
  });

  it('stops between users when told to, and reports progress', async () => {
    storeEvents(Object.values(people).flat());
    const seen: number[] = [];
    let asked = 0;
    const finished = await replayHistory(store.history, [createBacktestTally(seed, window)], window.to, {
      progressEvery: 1,
      onProgress: (p) => seen.push(p.done),
      shouldStop: () => ++asked > 2,
    });
    expect(finished).toBe(false);
    expect(seen).toEqual([1, 2]);
  });
});

describe('goal conversions in a backtest', () => {
  const withGoal = (goal: Goal, holdoutPercent?: number): Journey => ({
    ...seed,
    settings: { ...seed.settings, goal, ...(holdoutPercent === undefined ? {} : { holdoutPercent }) },
  });
  const period = { from: T0, to: T0 + 3 * HOUR };
  /**
   * ann stalls; bob connects 40 min after entering; dave connects 2h30m after entering (30 min
   * after credential_help); fay connects 20 min after entering. All enter in the period.
   */
  const goalPeople: Record<string, UserEvent[]> = {
    ann: [identify('ann'), track('ann', 'integration_started', 0, api)],
    bob: [
      identify('bob'),
      track('bob', 'integration_started', 10 * MIN, api),
      track('bob', 'api_key_created', 40 * MIN),
      track('bob', 'integration_connected', 50 * MIN),
    ],
    dave: [
      identify('dave'),
      track('dave', 'integration_started', 0, api),
      track('dave', 'integration_connected', 150 * MIN),
    ],
    fay: [
      identify('fay'),
      track('fay', 'integration_started', 0, api),
      track('fay', 'integration_connected', 20 * MIN),
    ],
  };

  it('counts the entries that reached the goal within its window, the holdout among them, and per email, worked out by hand', async () => {
    // With a 30% holdout, bob and fay are held out (a hash of user and journey); ann and dave are not.
    expect(['ann', 'bob', 'dave', 'fay'].map((u) => isHoldout(u, 'integration-setup', 30))).toEqual([
      false,
      true,
      false,
      true,
    ]);
    const tally = createBacktestTally(withGoal({ event: 'integration_connected', within: '1h' }, 30), period);
    for (const [userId, events] of Object.entries(goalPeople)) tally.replay(userId, events);
    expect(tally.counts().goal).toEqual({
      event: 'integration_connected',
      within: '1h',
      // Four entries; bob (40 min) and fay (20 min) within the hour; dave (2h30m) too late, ann never.
      entered: 4,
      converted: 2,
      rate: 0.5,
      holdout: { percent: 30, entered: 2, converted: 2, rate: 1 },
      emails: [
        // Held out, bob and fay get no email: confirm reached ann and dave, neither within an hour.
        { nodeId: 'confirm', recipients: 2, converted: 0 },
        // credential_help at +2h to ann and dave; dave connected 30 min later.
        { nodeId: 'credential_help', recipients: 2, converted: 1 },
      ],
    });
  });

  it('is null for a journey without a goal', async () => {
    const tally = createBacktestTally(seed, period);
    for (const [userId, events] of Object.entries(goalPeople)) tally.replay(userId, events);
    expect(tally.counts().goal).toBeNull();
  });

  it('adds up the goal counts of a backtest split over threads to those of one thread', async () => {
    const journey = withGoal({ event: 'integration_connected', within: '1h' }, 30);
    const whole = createBacktestTally(journey, period);
    const parts = [createBacktestTally(journey, period), createBacktestTally(journey, period)];
    Object.entries(goalPeople).forEach(([userId, events], i) => {
      whole.replay(userId, events);
      parts[i % 2]?.replay(userId, events);
    });
    expect(
      mergeCounts(
        journey,
        period,
        parts.map((p) => p.counts()),
      ).goal,
    ).toEqual(whole.counts().goal);
  });

  it('reads the goal event from stored history even when no step looks at it, and only before the period ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dripagent-goal-'));
    const store = openStore(dir);
    try {
      for (const event of [
        ...(goalPeople.ann as UserEvent[]),
        track('ann', 'workspace_activated', 30 * MIN),
        ...(people.carol as UserEvent[]),
        // After the period's end: not replayed, so carol's entry does not convert.
        track('carol', 'workspace_activated', 3 * HOUR + 30 * MIN),
      ]) {
        store.events.insert(event, T0);
      }
      const tally = createBacktestTally(withGoal({ event: 'workspace_activated', within: '7d' }), period);
      await replayHistory(store.history, [tally], period.to);
      expect(tally.counts().goal).toMatchObject({ entered: 2, converted: 1, rate: 0.5, holdout: null });
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
