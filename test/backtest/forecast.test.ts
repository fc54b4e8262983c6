import { afterEach, describe, expect, it } from 'vitest';
import { forecast, storeForecastSource } from '../../electron/backtest/forecast';
import { applySendingPace } from '../../electron/backtest/sending-pace';
import { readSendingRate, type SendingRate, saveSendingRate } from '../../electron/mail/settings/sending-rate';
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
  it('runs the users in flight forward, weighs each email by the recent act rates, and adds new entrants at the recent rate', async () => {
    fixture = engineFixture(['integration-setup']);
    const { engine, clock } = fixture;
    // The last 30 days: four users start (10 to 7 days ago). h0 and h2 create their key after 30
    // minutes; h2 syncs 2 hours later, h0 only after the domain reminder (a day later). h1 and h3
    // do nothing for 2 hours (credential_help), then sync a day later. So at the API-key wait half
    // acted, all by creating the key, 30 minutes in; at the domain wait half acted (h2's sync).
    const plans: [number, number][][] = [
      [
        [30 * MIN, 0],
        [DAY + 3 * HOUR, 1],
      ],
      [[DAY + 3 * HOUR, 1]],
      [
        [30 * MIN, 0],
        [150 * MIN, 1],
      ],
      [[DAY + 3 * HOUR, 1]],
    ];
    for (const [i, plan] of plans.entries()) {
      const u = `h${i}`;
      const start = i * DAY;
      clock.set(T0 + start);
      engine.ingest([identify(u, signedUp(start), start), track(u, 'integration_started', start, api)]);
      for (const [offset, kind] of plan) {
        fixture.runUntil(start + offset);
        engine.ingest([track(u, kind === 0 ? 'api_key_created' : 'sync_completed', start + offset)]);
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
      const result = await forecast({ source: storeForecastSource(store), now: NOW, days: 14 });
      // Ann: if she does nothing, credential_help at 10:00 (upper bound 1); expected half of that.
      // Half create the key 30 minutes in: for them (0.5) the domain wait times out a day later,
      // unless they act there too (half do): domain_help at 08:30 tomorrow, expected 0.25.
      // Five entries in the last 14 days (the four and ann): 5/14 a day, so one new entrant on days
      // 1, 4, 6, 9 and 12 (where the rounded running total goes up), each at 21:00: confirm at once,
      // credential_help at 23:00 (0.5), domain_help the next day at 21:30 (0.25).
      const row = (day: string, nodeId: string, upper: number, expected: number) => ({
        day,
        journeyId: 'integration-setup',
        nodeId,
        upper,
        expected,
      });
      const entrant = (day: string) => [row(day, 'confirm', 1, 1), row(day, 'credential_help', 1, 0.5)];
      const domain = (day: string) => row(day, 'domain_help', 0, 0.25);
      expect(result?.emails_per_day).toEqual([
        row('2026-03-12', 'credential_help', 1, 0.5),
        ...entrant('2026-03-13'),
        domain('2026-03-13'),
        domain('2026-03-14'),
        ...entrant('2026-03-16'),
        domain('2026-03-17'),
        ...entrant('2026-03-18'),
        domain('2026-03-19'),
        ...entrant('2026-03-21'),
        domain('2026-03-22'),
        ...entrant('2026-03-24'),
        domain('2026-03-25'),
      ]);
      expect(result?.inFlight).toBe(1);
      expect(result?.entriesPerDay).toEqual([{ journeyId: 'integration-setup', perDay: 0.36 }]);
      expect(result?.limits).toEqual(['At most 3 emails per person per 24h across journeys.']);
    } finally {
      store.close();
    }
  });

  it('stops when told to', async () => {
    fixture = engineFixture(['integration-setup']);
    fixture.engine.ingest([identify('ann'), track('ann', 'integration_started', 0, api)]);
    const store = openReadOnlyStore(fixture.dir);
    try {
      expect(
        await forecast({ source: storeForecastSource(store), now: T0 + HOUR, days: 14, shouldStop: () => true }),
      ).toBeNull();
    } finally {
      store.close();
    }
  });
});

describe('the sending rate limit saved in Settings', () => {
  it('paces the emails the forecast expects: what an hour cannot take moves to the next hours, and the next day', async () => {
    fixture = engineFixture(['integration-setup']);
    const { engine } = fixture;
    // a, b and c start at 21:30 on 12 March; each one's credential_help is due at 23:30.
    const start = 10 * DAY + 12 * HOUR + 30 * MIN;
    fixture.runUntil(start);
    for (const u of ['a', 'b', 'c']) {
      engine.ingest([identify(u, signedUp(start), start), track(u, 'integration_started', start, api)]);
    }
    const now = T0 + start + 90 * MIN; // 23:00
    fixture.runUntil(start + 90 * MIN);
    saveSendingRate(fixture.store.meta, { perMinute: null, perHour: 1 });
    const store = openReadOnlyStore(fixture.dir);
    try {
      const firstTwoDays = async (pace?: SendingRate) =>
        (
          await forecast({ source: storeForecastSource(store), now, days: 14, ...(pace ? { pace } : {}) })
        )?.emails_per_day
          .filter((r) => r.day <= '2026-03-13')
          .map((r) => [r.day, r.nodeId, r.upper]);
      // No limit: all three at 23:30 on the 12th.
      expect(await firstTwoDays()).toEqual([['2026-03-12', 'credential_help', 3]]);
      // One an hour: 23:30 on the 12th, then 00:30 and 01:30 on the 13th.
      expect(await firstTwoDays(readSendingRate(store.meta))).toEqual([
        ['2026-03-12', 'credential_help', 1],
        ['2026-03-13', 'credential_help', 2],
      ]);
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

  it('moves what a minute cannot take to the next minutes, first due first', async () => {
    expect(flat(applySendingPace(due([[0, 5]]), { perMinute: 2, perHour: null }, minute(100)))).toEqual([
      [0, 2],
      [1, 2],
      [2, 1],
    ]);
  });

  it('keeps any 60 minutes under the hourly limit', async () => {
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

  it('drops what would go out after the period, and changes nothing without a limit', async () => {
    expect(flat(applySendingPace(due([[0, 5]]), { perMinute: 2, perHour: null }, minute(2)))).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const free = due([[0, 5]]);
    expect(applySendingPace(free, { perMinute: null, perHour: null }, minute(2))).toBe(free);
  });
});
