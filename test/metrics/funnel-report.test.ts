import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DAY, HOUR, identify, T0, track } from '../events';
import { metricsFixture } from './fixtures';

let f: ReturnType<typeof metricsFixture>;
beforeEach(() => {
  f = metricsFixture();
});
afterEach(() => f.close());

const groupOf = async (query: Parameters<typeof f.funnel>[0] = {}) => (await await f.funnel(query)).report.groups;

describe('the funnel cohort, from stored events', () => {
  test('the cohort is users whose first integration_started is in [from, to): from included, to excluded', async () => {
    f.ingest([
      track('at_from', 'integration_started', 0),
      track('just_before_to', 'integration_started', DAY - 1),
      track('at_to', 'integration_started', DAY),
      track('before_from', 'integration_started', -1),
    ]);
    const [all] = await groupOf({ from: T0, to: T0 + DAY });
    expect(all?.started).toBe(2);
  });

  test("a user's first start decides: a second start inside the period does not bring in a user who started before it", async () => {
    f.ingest([track('ann', 'integration_started', -2 * DAY), track('ann', 'integration_started', HOUR)]);
    expect((await groupOf({ from: T0, to: T0 + DAY }))[0]?.started).toBe(0);
    expect((await groupOf({ from: T0 - 3 * DAY, to: T0 }))[0]?.started).toBe(1);
  });

  test('a start that arrives late but happened earlier becomes the first, by event time', async () => {
    f.ingest([track('ann', 'integration_started', HOUR), track('ann', 'integration_connected', 2 * HOUR)]);
    f.ingest([track('ann', 'integration_started', -2 * DAY)]);
    expect((await groupOf({ from: T0, to: T0 + DAY }))[0]?.started).toBe(0);
    const [all] = await groupOf({ from: T0 - 3 * DAY, to: T0 + DAY });
    expect(all?.connected).toBe(1);
  });

  test('events before the first start do not count; a tie with the start counts as after', async () => {
    f.ingest([
      identify('ann', {}, -3 * HOUR),
      track('ann', 'api_key_created', -HOUR),
      track('ann', 'integration_started', 0),
      track('ann', 'domain_verified', 0),
    ]);
    const [all] = await groupOf();
    expect(all?.steps.map((s) => s.users)).toEqual([1, 0, 1, 0, 0]);
  });

  test('an event posted twice with the same messageId is counted once', async () => {
    f.ingest([
      track('ann', 'integration_started', 0, {}, 's1'),
      track('ann', 'setup_error_seen', HOUR, { error_code: '401' }, 'err-1'),
    ]);
    // The same error again (a client retry): stored once, so no recurrence.
    f.ingest([track('ann', 'setup_error_seen', HOUR, { error_code: '401' }, 'err-1')]);
    expect((await groupOf())[0]?.error_recurrence_rate).toBe(0);
    f.ingest([track('ann', 'setup_error_seen', 2 * HOUR, { error_code: '401' }, 'err-2')]);
    expect((await groupOf())[0]?.error_recurrence_rate).toBe(1);
  });

  test('a numeric error_code and the same code as text are one code', async () => {
    f.ingest([
      track('ann', 'integration_started', 0),
      track('ann', 'setup_error_seen', HOUR, { error_code: 401 }),
      track('ann', 'setup_error_seen', 2 * HOUR, { error_code: '401' }),
    ]);
    expect((await groupOf())[0]?.error_recurrence_rate).toBe(1);
  });

  test('sign-up to connected uses the createdAt trait; a user without it is left out', async () => {
    // identify() sets createdAt to T0. ann connects at T0 + 5 h; bob has no createdAt.
    f.ingest([
      identify('ann'),
      track('ann', 'integration_started', HOUR),
      track('ann', 'integration_connected', 5 * HOUR),
      identify('bob', { createdAt: null }),
      track('bob', 'integration_started', HOUR),
      track('bob', 'integration_connected', 2 * HOUR),
    ]);
    expect((await groupOf())[0]?.signup_to_connected_ms).toEqual({ median: 5 * HOUR, p90: 5 * HOUR });
  });
});

describe('breakdowns', () => {
  test('--by role groups by the current trait, (none) for users without one, sorted by key', async () => {
    f.ingest([
      identify('ann', { role: 'marketer' }),
      identify('bob', { role: 'engineer' }),
      identify('cy', { role: 'engineer' }),
      track('ann', 'integration_started', 0),
      track('bob', 'integration_started', 0),
      track('cy', 'integration_started', 0),
      track('dee', 'integration_started', 0),
      track('cy', 'integration_connected', HOUR),
    ]);
    // The role that counts is the current one: bob became a founder after he started.
    f.ingest([identify('bob', { role: 'founder' }, HOUR)]);
    expect((await groupOf({ by: 'role' })).map((g) => [g.key, g.started, g.connected])).toEqual([
      ['(none)', 1, 0],
      ['engineer', 1, 1],
      ['founder', 1, 0],
      ['marketer', 1, 0],
    ]);
  });

  test('--by integration_type uses the property of the first integration_started', async () => {
    f.ingest([
      track('ann', 'integration_started', HOUR, { integration_type: 'hubspot' }),
      track('ann', 'integration_started', 0, { integration_type: 'stripe' }),
      track('bob', 'integration_started', 0, {}),
    ]);
    expect((await groupOf({ by: 'integration_type' })).map((g) => [g.key, g.started])).toEqual([
      ['(none)', 1],
      ['stripe', 1],
    ]);
  });

  test('a yes/no trait or property is broken down as "true" and "false", numbers as written', async () => {
    f.ingest([
      identify('ann', { trial: true, seats: 3 }),
      identify('bob', { trial: false, seats: 10 }),
      track('ann', 'integration_started', 0, { sandbox: true }),
      track('bob', 'integration_started', 0, { sandbox: false }),
    ]);
    expect((await groupOf({ by: 'trial' })).map((g) => g.key)).toEqual(['false', 'true']);
    expect((await groupOf({ by: 'seats' })).map((g) => g.key)).toEqual(['10', '3']);
    expect((await groupOf({ by: 'sandbox' })).map((g) => g.key)).toEqual(['(none)']);
  });

  test('without --by there is one group, all, even when nobody started', async () => {
    expect((await groupOf()).map((g) => [g.key, g.started, g.start_to_connected_rate])).toEqual([['all', 0, null]]);
  });
});

describe('emails in the funnel', () => {
  test('troubleshooting emails delivered after the start are found in the outbox by their journey step', async () => {
    f.close();
    f = metricsFixture(['setup-troubleshooting']);
    f.ingest([
      identify('ann', { role: 'engineer' }),
      track('ann', 'integration_started', 0),
      track('ann', 'setup_error_seen', HOUR, { error_code: 'E1' }),
      track('ann', 'setup_error_seen', 2 * HOUR, { error_code: 'E1' }),
    ]);
    const sent = f.store.outbox.list({ userId: 'ann', limit: 10 }).filter((row) => row.nodeId === 'troubleshoot');
    expect(sent).toHaveLength(1);
    for (const row of sent) f.store.outbox.markSent(row.id, row.at);
    f.ingest([track('ann', 'setup_error_seen', 3 * HOUR, { error_code: 'E1' })]);
    expect((await f.funnel()).details.groups[0]?.troubleshooting).toEqual({ sent: 1, repeated: 1, rate: 1 });
  });
});
