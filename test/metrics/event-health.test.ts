import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { eventHealth } from '../../electron/metrics/event-health';
import type { CohortRow } from '../../electron/store/reports/funnel-rows';
import { DAY, HOUR, identify, T0, track } from '../events';
import { metricsFixture } from './fixtures';

let f: ReturnType<typeof metricsFixture>;
beforeEach(() => {
  f = metricsFixture(['integration-setup', 'setup-troubleshooting']);
});
afterEach(() => f.close());

// T0 is 2026-03-02T09:00Z; the clock stands at T0 unless moved.
const health = () => eventHealth(f.store.reports.eventHealth, f.store.journeys, { from: T0 - DAY, to: T0 + DAY });
const byName = async (name: string) => (await await health()).events.find((e) => e.name === name);

describe('event health', () => {
  test('volume per UTC day, users, events per user, duplicates dropped', async () => {
    f.clock.set(T0 + 2 * DAY);
    f.ingest([
      track('ann', 'integration_started', 0, { integration_type: 'stripe' }, 'a1'),
      track('bob', 'integration_started', -HOUR * 10, { integration_type: 'stripe' }, 'b1'),
      track('bob', 'integration_started', HOUR, { integration_type: 'hubspot' }, 'b2'),
    ]);
    // The same messageIds again: dropped, and counted as duplicates of their event's day.
    f.ingest([track('ann', 'integration_started', 0, {}, 'a1'), track('bob', 'integration_started', HOUR, {}, 'b2')]);
    const started = await byName('integration_started');
    const report = await health();
    // Days: 2026-03-01, 03-02 (whole days around [T0 − 1 d, T0 + 1 d)), and 03-03.
    expect(report.days).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    // bob's first start was 10 h before T0 = 2026-03-01T23:00Z.
    expect(started).toMatchObject({ total: 3, users: 2, per_user: 1.5, duplicates: 2, per_day: [1, 2, 0] });
  });

  test('a nested transaction that fails drops only its own counts, not those of the transaction around it', async () => {
    f.store.transaction(() => {
      f.store.events.insert(track('ann', 'api_key_created', 0, {}, 'k1'), T0);
      try {
        f.store.transaction(() => {
          f.store.events.insert(track('bob', 'domain_verified', 0, {}, 'd1'), T0);
          throw new Error('refused');
        });
      } catch {
        // The outer work goes on, and commits.
      }
    });
    expect((await byName('api_key_created'))?.total).toBe(1);
    expect((await byName('domain_verified'))?.total ?? 0).toBe(0);
  });

  test('an event received more than an hour after it happened is late; within the hour it is not', async () => {
    f.clock.set(T0 + HOUR + 1);
    f.ingest([track('ann', 'api_key_created', 0), track('ann', 'domain_verified', 1)]);
    expect((await byName('api_key_created'))?.late).toBe(1);
    expect((await byName('domain_verified'))?.late).toBe(0);
  });

  test('the share of events missing the properties journeys read from them', async () => {
    f.ingest([
      track('ann', 'setup_error_seen', 0, { error_code: '401', environment: 'production', integration_type: 'stripe' }),
      track('bob', 'setup_error_seen', 0, { error_code: '401' }),
      track('cy', 'setup_error_seen', 0, { error_code: null, environment: 'sandbox' }),
      track('dee', 'setup_error_seen', 0, {}),
    ]);
    // The seed journeys read error_code and environment (conditions, templates) and the
    // troubleshooting journey's trigger properties (integration_type in its template).
    expect((await byName('setup_error_seen'))?.missing).toEqual([
      { property: 'environment', events: 2, share: 0.5 },
      { property: 'error_code', events: 2, share: 0.5 },
      { property: 'integration_type', events: 3, share: 0.75 },
    ]);
  });

  test('traits journeys read: the share of the period’s users without them', async () => {
    f.ingest([
      identify('ann', { role: 'engineer' }),
      identify('bob'),
      track('ann', 'page_viewed', 0),
      track('bob', 'page_viewed', 0),
    ]);
    expect((await health()).traits.find((t) => t.trait === 'role')).toEqual({
      trait: 'role',
      users: 2,
      missing: 1,
      share: 0.5,
    });
  });

  test('users who connected with no integration_started before it are a tracking gap', async () => {
    f.ingest([
      track('ann', 'integration_started', 0),
      track('ann', 'integration_connected', HOUR),
      track('bob', 'integration_connected', HOUR),
      track('cy', 'integration_connected', HOUR),
      track('cy', 'integration_started', 2 * HOUR),
    ]);
    expect((await health()).tracking_gap).toEqual({ connected: 3, without_start: 2 });
  });

  test('events stored before the metrics migration are counted once by it', async () => {
    const { openStore } = await import('../../electron/store');
    const Database = (await import('better-sqlite3')).default;
    f.ingest([
      track('ann', 'integration_started', 0, { integration_type: 'stripe' }),
      track('ann', 'integration_started', -HOUR),
    ]);
    f.store.close();
    // Rewind to before 006: drop what it made, forget it was applied, and open again.
    const db = new Database(`${f.dir}/dripagent.db`);
    db.exec(`DROP TABLE funnel_starts; DROP TABLE event_days; DROP TABLE journey_skips;
      DROP INDEX runs_by_journey_entry; DROP INDEX outbox_by_journey; DELETE FROM migrations WHERE id = 6;`);
    db.close();
    f.store = openStore(f.dir);
    expect(await byName('integration_started')).toMatchObject({ total: 2, users: 1, duplicates: 0 });
    expect((await byName('integration_started'))?.missing).toEqual([
      { property: 'integration_type', events: 1, share: 0.5 },
    ]);
    const [first] = [...(f.store.reports.funnel.cohort(T0 - DAY, T0 + DAY, { kind: 'none' }) as Iterable<CohortRow>)];
    expect(first?.[1]).toBe(T0 - HOUR);
  });
});
