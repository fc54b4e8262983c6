import { afterEach, describe, expect, it } from 'vitest';
import { forecast } from '../../electron/backtest/forecast';
import { applySendingPace } from '../../electron/backtest/sending-pace';
import { openReadOnlyStore } from '../../electron/store/read-only-store';
import { engineFixture, HOUR, identify, MIN, T0, track } from '../engine/harness';
import { DAY } from '../events';

let fixture: ReturnType<typeof engineFixture>;
afterEach(() => fixture?.close());

const api = { integration_type: 'custom_api' };
const NOW = T0 + 10 * DAY; // 2026-03-12T09:00Z
/** Signed up at T0 + offset, so the journey's "within 1 hour of sign-up" rule lets them in. */
const signedUp = (offset: number) => ({ createdAt: new Date(T0 + offset).toISOString() });

describe('the forecast', () => {
  it('runs the users in flight forward, weighs each email by the recent act rates, and adds new entrants at the recent rate', () => {
    fixture = engineFixture(['integration-setup']);
    const { engine, clock } = fixture;
    // The last 30 days: four users start (10 to 7 days ago). Two create their key within an hour
    // and sync two hours later; two do nothing for 2 hours (credential_help), then sync a day later.
    // So half the users waiting for the key acted: wait_api_key's act rate is 0.5.
    for (const [i, acts] of [true, false, true, false].entries()) {
      const u = `h${i}`;
      const start = i * DAY;
      clock.set(T0 + start);
      engine.ingest([identify(u, signedUp(start), start), track(u, 'integration_started', start, api)]);
      const later = acts
        ? [track(u, 'api_key_created', start + 30 * MIN), track(u, 'sync_completed', start + 150 * MIN)]
        : [track(u, 'sync_completed', start + DAY + 3 * HOUR)];
      for (const event of later) {
        fixture.runUntil(event.timestamp - T0);
        engine.ingest([event]);
      }
    }
    // In flight now: ann started an hour ago; her key reminder is due in an hour.
    fixture.runUntil(10 * DAY - HOUR);
    engine.ingest([
      identify('ann', signedUp(10 * DAY - HOUR), 10 * DAY - HOUR),
      track('ann', 'integration_started', 10 * DAY - HOUR, api),
    ]);
    fixture.runUntil(10 * DAY);

    const store = openReadOnlyStore(fixture.dir);
    try {
      const result = forecast({ store, now: NOW, days: 14 });
      // Five entries in the last 14 days (the four and ann): 5/14 a day, so one new entrant on days
      // 1, 4, 6, 9 and 12 (where the rounded running total goes up), each at 21:00, with confirm at
      // once and credential_help at 23:00 (expected: the half who would not have created a key).
      const copy = (day: string) => [
        { day, journeyId: 'integration-setup', nodeId: 'confirm', upper: 1, expected: 1 },
        { day, journeyId: 'integration-setup', nodeId: 'credential_help', upper: 1, expected: 0.5 },
      ];
      expect(result?.emails_per_day).toEqual([
        { day: '2026-03-12', journeyId: 'integration-setup', nodeId: 'credential_help', upper: 1, expected: 0.5 },
        ...copy('2026-03-13'),
        ...copy('2026-03-16'),
        ...copy('2026-03-18'),
        ...copy('2026-03-21'),
        ...copy('2026-03-24'),
      ]);
      expect(result?.inFlight).toBe(1);
      expect(result?.entriesPerDay).toEqual([{ journeyId: 'integration-setup', perDay: 0.36 }]);
      expect(result?.limits).toEqual(['At most 3 emails per person per 24h across journeys.']);
    } finally {
      store.close();
    }
  });

  it('stops when told to', () => {
    fixture = engineFixture(['integration-setup']);
    fixture.engine.ingest([identify('ann'), track('ann', 'integration_started', 0, api)]);
    const store = openReadOnlyStore(fixture.dir);
    try {
      expect(forecast({ store, now: T0 + HOUR, days: 14, shouldStop: () => true })).toBeNull();
    } finally {
      store.close();
    }
  });
});

describe('the sending rate limit in a forecast', () => {
  const minute = (n: number) => n * 60_000;
  const due = (entries: [number, number][]) => new Map(entries.map(([m, n]) => [minute(m), new Map([['confirm', n]])]));
  const flat = (buckets: Map<number, Map<string, number>>) =>
    [...buckets].map(([m, keys]) => [m / 60_000, keys.get('confirm')]);

  it('moves what a minute cannot take to the next minutes, first due first', () => {
    expect(flat(applySendingPace(due([[0, 5]]), { perMinute: 2, perHour: null }, minute(100)))).toEqual([
      [0, 2],
      [1, 2],
      [2, 1],
    ]);
  });

  it('keeps any 60 minutes under the hourly limit', () => {
    expect(
      flat(
        applySendingPace(
          due([
            [0, 70],
            [5, 20],
          ]),
          { perMinute: null, perHour: 30 },
          minute(1000),
        ),
      ),
    ).toEqual([
      [0, 30],
      [60, 30],
      [120, 30],
    ]);
  });

  it('drops what would go out after the period, and changes nothing without a limit', () => {
    expect(flat(applySendingPace(due([[0, 5]]), { perMinute: 2, perHour: null }, minute(2)))).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const free = due([[0, 5]]);
    expect(applySendingPace(free, { perMinute: null, perHour: null }, minute(2))).toBe(free);
  });
});
