import { describe, expect, test } from 'vitest';
import { FunnelTally, weekOf } from '../../../shared/metrics/funnel-tally';
import type { FunnelGroup } from '../../../shared/metrics/funnel-types';
import type { FunnelEvent, FunnelUser } from '../../../shared/metrics/funnel-user';

const H = 3_600_000;
const START = Date.parse('2026-03-02T10:00:00Z');
const e = (name: string, hoursAfterStart: number, errorCode: string | null = null): FunnelEvent => ({
  name,
  ts: START + hoursAfterStart * H,
  errorCode,
});
const user = (events: FunnelEvent[], extra: Partial<FunnelUser> = {}): FunnelUser => ({
  start: START,
  createdAt: START - 2 * H,
  events: [e('integration_started', 0), ...events],
  ...extra,
});

function report(users: FunnelUser[], activation: string | null = null): FunnelGroup {
  const tally = new FunnelTally(activation, 'all');
  for (const u of users) tally.add('all', u);
  return tally.groups()[0] as FunnelGroup;
}

describe('start → connected', () => {
  test('connected counts a connection at or after the first start; one before start does not count', () => {
    // ann connects 3 h after starting; bob connected an hour before he started (an earlier try);
    // cy connects at the very moment she starts (a tie counts as after).
    const g = report([
      user([e('integration_connected', 3)]),
      user([e('integration_connected', -1)]),
      user([e('integration_connected', 0)]),
    ]);
    expect(g.started).toBe(3);
    expect(g.connected).toBe(2);
    expect(g.start_to_connected_rate).toBe(2 / 3);
  });

  test('a group with nobody has no rate', () => {
    expect(report([]).start_to_connected_rate).toBeNull();
  });
});

describe('sign-up to connected', () => {
  test('median and p90 by nearest rank over connected users with createdAt; users without it are left out', () => {
    // Sign-up 2 h before start for everyone with createdAt. Connections at +1 h, +3 h, +10 h after
    // start → 3 h, 5 h, 12 h after sign-up; dee has no createdAt and eve never connects.
    const g = report([
      user([e('integration_connected', 1)]),
      user([e('integration_connected', 3)]),
      user([e('integration_connected', 10)]),
      user([e('integration_connected', 1)], { createdAt: null }),
      user([]),
    ]);
    // Sorted [3h, 5h, 12h]: median index ceil(1.5)−1 = 1 → 5 h; p90 index ceil(2.7)−1 = 2 → 12 h.
    expect(g.signup_to_connected_ms).toEqual({ median: 5 * H, p90: 12 * H });
  });

  test('the time is to the first connection after start, not a later one', () => {
    const g = report([user([e('integration_connected', 4), e('integration_connected', 1)])]);
    expect(g.signup_to_connected_ms).toEqual({ median: 3 * H, p90: 3 * H });
  });

  test('null when nobody connected with a createdAt', () => {
    expect(report([user([e('integration_connected', 1)], { createdAt: null })]).signup_to_connected_ms).toEqual({
      median: null,
      p90: null,
    });
  });
});

describe('steps', () => {
  test('each step counts users with that event after start, in any order; events before start do not count', () => {
    // ann: key then domain; bob: domain before key (still both); cy: key before start only.
    const g = report([
      user([e('api_key_created', 1), e('domain_verified', 2)]),
      user([e('domain_verified', 1), e('api_key_created', 2), e('test_event_sent', 3)]),
      user([e('api_key_created', -1)]),
    ]);
    expect(g.steps).toEqual([
      { event: 'integration_started', users: 3 },
      { event: 'api_key_created', users: 2 },
      { event: 'domain_verified', users: 2 },
      { event: 'test_event_sent', users: 1 },
      { event: 'integration_connected', users: 0 },
    ]);
  });

  test('the median time between consecutive steps counts users who took both in that order', () => {
    const tally = new FunnelTally(null, 'all');
    tally.add('all', user([e('api_key_created', 1), e('domain_verified', 4)]));
    tally.add('all', user([e('api_key_created', 3), e('domain_verified', 2)]));
    const gaps = tally.details()[0]?.stepGaps ?? [];
    // start → key: 1 h and 3 h, median (nearest rank of 2) 1 h; key → domain: only ann, 3 h.
    expect(gaps[0]).toEqual({ from: 'integration_started', to: 'api_key_created', users: 2, medianMs: H });
    expect(gaps[1]).toEqual({ from: 'api_key_created', to: 'domain_verified', users: 1, medianMs: 3 * H });
  });
});

describe('error recurrence', () => {
  test('the share of users with an error after start who saw one error_code at least twice after start', () => {
    const g = report([
      user([e('setup_error_seen', 1, '401'), e('setup_error_seen', 2, '401')]), // repeats 401
      user([e('setup_error_seen', 1, '401'), e('setup_error_seen', 2, '403')]), // two different codes
      user([e('setup_error_seen', -1, '401'), e('setup_error_seen', 2, '401')]), // first one before start
      user([e('setup_error_seen', 1), e('setup_error_seen', 2)]), // no code: never "the same code"
      user([]), // no error: not counted at all
    ]);
    expect(g.error_recurrence_rate).toBe(1 / 4);
  });

  test('null when no cohort user saw an error after start', () => {
    expect(report([user([e('setup_error_seen', -2, '401')])]).error_recurrence_rate).toBeNull();
  });

  test('after a troubleshooting email: the share who saw a code again that they had seen before it', () => {
    const tally = new FunnelTally(null, 'all');
    const email = START + 2 * H;
    tally.add(
      'all',
      user([e('setup_error_seen', 1, 'E1'), e('setup_error_seen', 3, 'E1')], { troubleshootingEmailAt: email }),
    );
    tally.add(
      'all',
      user([e('setup_error_seen', 1, 'E1'), e('setup_error_seen', 3, 'E2')], { troubleshootingEmailAt: email }),
    );
    tally.add('all', user([e('setup_error_seen', 1, 'E1'), e('setup_error_seen', 3, 'E1')]));
    expect(tally.details()[0]?.troubleshooting).toEqual({ sent: 2, repeated: 1, rate: 0.5 });
  });
});

describe('test event success', () => {
  test('a connection or sync at or after the first test event and at most 24 h later counts; 24 h + 1 ms does not', () => {
    const ms = (hours: number, extra = 0): FunnelEvent => ({
      name: 'sync_completed',
      ts: START + hours * H + extra,
      errorCode: null,
    });
    const g = report([
      user([e('test_event_sent', 1), e('integration_connected', 1)]), // same moment: a tie counts
      user([e('test_event_sent', 1), ms(25)]), // exactly 24 h later: counts
      user([e('test_event_sent', 1), ms(25, 1)]), // 24 h and 1 ms: too late
      user([e('test_event_sent', 2), e('integration_connected', 1.5)]), // connected before the test
      user([e('test_event_sent', 1), e('test_event_sent', 30), e('integration_connected', 30)]), // measured from the first test
      user([e('integration_connected', 1)]), // no test: not counted
    ]);
    expect(g.test_event_success_rate).toBe(2 / 5);
  });

  test('null when no cohort user sent a test event after start', () => {
    expect(report([user([e('test_event_sent', -1)])]).test_event_success_rate).toBeNull();
  });

  test('after a test-prompt email: the share who sent a test event at or after it', () => {
    const tally = new FunnelTally(null, 'all');
    const email = START + 5 * H;
    tally.add('all', user([e('test_event_sent', 6)], { testPromptEmailAt: email }));
    tally.add('all', user([e('test_event_sent', 4)], { testPromptEmailAt: email }));
    expect(tally.details()[0]?.testPrompt).toEqual({ sent: 2, tested: 1, rate: 0.5 });
  });
});

describe('activation', () => {
  test('the share with the activation event after start among connected and among not connected users', () => {
    const g = report(
      [
        user([e('integration_connected', 1), e('workspace_activated', 2)]),
        user([e('integration_connected', 1)]),
        user([e('workspace_activated', 3)]),
        user([e('workspace_activated', -1)]), // before start: not activated
      ],
      'workspace_activated',
    );
    expect(g.activation).toEqual({ completed: 1 / 2, not_completed: 1 / 2 });
  });

  test('nulls without an activation event, and for a side with nobody', () => {
    expect(report([user([e('integration_connected', 1)])]).activation).toEqual({
      completed: null,
      not_completed: null,
    });
    expect(report([user([e('integration_connected', 1)])], 'workspace_activated').activation).toEqual({
      completed: 0,
      not_completed: null,
    });
  });
});

describe('groups', () => {
  test('users without a value are grouped as (none); groups come out sorted by key', () => {
    const tally = new FunnelTally(null, null);
    tally.add('marketer', user([]));
    tally.add(null, user([]));
    tally.add('engineer', user([]));
    tally.add('', user([]));
    expect(tally.groups().map((g) => [g.key, g.started])).toEqual([
      ['(none)', 2],
      ['engineer', 1],
      ['marketer', 1],
    ]);
  });

  test('weeks start on Monday, UTC', () => {
    expect(weekOf(Date.parse('2026-03-02T00:00:00Z'))).toBe('2026-03-02'); // a Monday
    expect(weekOf(Date.parse('2026-03-08T23:59:59Z'))).toBe('2026-03-02'); // that Sunday
    expect(weekOf(Date.parse('2026-03-09T00:00:00Z'))).toBe('2026-03-09');
  });
});

describe('which emails are troubleshooting and test-prompt emails', () => {
  test('in the example journeys: the error-specific help, and the prompt after no test event', async () => {
    const { loadSeed } = await import('../../events');
    const { emailRoles } = await import('../../../shared/metrics/email-roles');
    const setup = emailRoles(loadSeed('integration-setup'));
    expect([...setup.troubleshooting]).toEqual(['error_help']);
    expect([...setup.testPrompt]).toEqual(['test_prompt']);
    const troubleshooting = emailRoles(loadSeed('setup-troubleshooting'));
    expect([...troubleshooting.troubleshooting]).toEqual(['troubleshoot']);
    expect([...troubleshooting.testPrompt]).toEqual([]);
  });
});
