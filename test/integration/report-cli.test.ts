import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli as runCli } from '../cli';
import { DAY, HOUR, identify, T0, track } from '../events';
import { metricsFixture } from '../metrics/fixtures';

let f: ReturnType<typeof metricsFixture>;

const cli = (...args: string[]) => runCli(args);

const period = ['--from', new Date(T0 - DAY).toISOString(), '--to', new Date(T0 + DAY).toISOString()];

beforeAll(() => {
  f = metricsFixture(['integration-setup']);
  f.ingest([
    identify('ann', { role: 'engineer' }),
    identify('bob', { role: 'marketer' }),
    track('ann', 'integration_started', 0, { integration_type: 'stripe' }),
    track('bob', 'integration_started', HOUR, { integration_type: 'hubspot' }),
    track('ann', 'integration_connected', 3 * HOUR),
    track('ann', 'workspace_activated', 4 * HOUR),
  ]);
  f.store.close();
});
afterAll(() => f.close());

describe('dripagent report funnel', () => {
  test('--json prints one object with the contract fields, groups by role sorted by key', () => {
    const { code, stdout } = cli(
      'report',
      'funnel',
      '--data',
      f.dir,
      ...period,
      '--by',
      'role',
      '--activation-event',
      'workspace_activated',
      '--json',
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['from', 'to', 'by', 'groups']);
    expect(report.by).toBe('role');
    expect(report.groups.map((g: { key: string }) => g.key)).toEqual(['engineer', 'marketer']);
    // ann: signed up at T0 (createdAt), connected at T0 + 3 h → 3 h.
    expect(report.groups[0]).toEqual({
      key: 'engineer',
      started: 1,
      connected: 1,
      start_to_connected_rate: 1,
      signup_to_connected_ms: { median: 3 * HOUR, p90: 3 * HOUR },
      steps: [
        { event: 'integration_started', users: 1 },
        { event: 'api_key_created', users: 0 },
        { event: 'domain_verified', users: 0 },
        { event: 'test_event_sent', users: 0 },
        { event: 'integration_connected', users: 1 },
      ],
      error_recurrence_rate: null,
      test_event_success_rate: null,
      activation: { completed: 1, not_completed: null },
    });
  });

  test('--csv prints the same numbers as a table', () => {
    const { code, stdout } = cli('report', 'funnel', '--data', f.dir, ...period, '--csv');
    expect(code).toBe(0);
    expect(stdout.split('\r\n')).toEqual([
      'key,started,connected,start_to_connected_rate,signup_to_connected_ms.median,signup_to_connected_ms.p90,steps.integration_started,steps.api_key_created,steps.domain_verified,steps.test_event_sent,steps.integration_connected,error_recurrence_rate,test_event_success_rate,activation.completed,activation.not_completed',
      `all,2,1,0.5,${3 * HOUR},${3 * HOUR},2,0,0,0,1,,,,`,
      '',
    ]);
  });

  test('a bad date exits 1 naming the flag', () => {
    const { code, stderr } = cli('report', 'funnel', '--data', f.dir, '--from', 'last tuesday');
    expect(code).toBe(1);
    expect(stderr).toContain('--from must be an ISO date or time such as 2026-03-01');
    // A day that does not exist is not rolled over into the next month.
    expect(cli('report', 'funnel', '--data', f.dir, '--from', '2026-02-30').stderr).toContain('(got "2026-02-30")');
    // A misspelt flag is named rather than ignored (the report would cover the wrong period).
    expect(cli('report', 'funnel', '--data', f.dir, '--form', '2026-03-10').stderr).toContain('Unknown option --form');
  });

  test('a --by name SQLite cannot quote (a backslash) exits 1 naming the flag, not with a database error', () => {
    const { code, stderr } = cli('report', 'funnel', '--data', f.dir, '--by', 'role\\');
    expect(code).toBe(1);
    expect(stderr).toContain('--by must name a trait');
  });
});

describe('dripagent report journey', () => {
  test('--json gives entered, reach per step and the emails of the journey', () => {
    const { code, stdout } = cli('report', 'journey', 'integration-setup', '--data', f.dir, ...period, '--json');
    expect(code).toBe(0);
    const results = JSON.parse(stdout);
    expect(results).toMatchObject({ journey: { id: 'integration-setup' }, entered: 2, active: 1, finished: 1 });
    expect(results.exits).toEqual([
      { reason: 'exit_rule', runs: 1, endReasons: [{ endReason: 'integration_connected', runs: 1 }] },
    ]);
    expect(results.messages.find((m: { nodeId: string }) => m.nodeId === 'confirm')).toMatchObject({
      sent: 2,
      pending: 2,
    });
  });

  test('an unknown journey exits 1 and lists the journeys there are', () => {
    const { code, stderr } = cli('report', 'journey', 'nope', '--data', f.dir);
    expect(code).toBe(1);
    expect(stderr).toContain('There is no journey "nope". Journeys: integration-setup.');
  });
});
