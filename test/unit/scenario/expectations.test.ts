import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../shared/journey/schema';
import { checkExpectations } from '../../../shared/scenario/check';
import { pinExpectations } from '../../../shared/scenario/pin';
import { scenarioProblems } from '../../../shared/scenario/problems';
import { runScenarioSimulation } from '../../../shared/scenario/run';
import { withApiKeyWait } from '../../backtest/fixtures';
import { loadSeed } from '../../events';

const seed = loadSeed('integration-setup');
const stalls: Scenario = {
  id: 'stalls',
  name: 'Stalls before the API key',
  profile: { role: 'founder', workspace_name: 'Acme', timezone: 'UTC' },
  timeline: '+5m integration_started integration_type=custom_api',
};

describe('pinning a scenario ("expect this")', () => {
  it('writes down every email with its time from the start, the other email steps as not sent, and the end', () => {
    // Worked out by hand: the start is +5m, confirm goes at once; the API key wait (2 h for an
    // API integration) times out at +2h05m and sends credential_help; the second wait (3 d) times
    // out at +3d2h05m and the user is tracked as abandoned and leaves.
    const run = runScenarioSimulation(seed, stalls);
    expect(pinExpectations(seed, run)).toEqual({
      emails: [
        { nodeId: 'confirm', at: '+5m' },
        { nodeId: 'credential_help', at: '+2h05m' },
      ],
      // The error help (sent only after a repeated known error) is among the silent email steps.
      noEmails: ['error_help', 'domain_help', 'test_prompt'],
      end: { nodeId: 'abandoned_exit', reason: 'setup_abandoned' },
    });
  });

  it('passes on the run it was pinned from', () => {
    const run = runScenarioSimulation(seed, stalls);
    expect(checkExpectations(pinExpectations(seed, run), run)).toEqual({
      hasExpectations: true,
      passed: true,
      differences: [],
    });
  });
});

describe('checking a scenario against its expectations', () => {
  const pinned = pinExpectations(seed, runScenarioSimulation(seed, stalls));

  it('fails when an email now comes later, naming both times and the node', () => {
    const check = checkExpectations(pinned, runScenarioSimulation(withApiKeyWait(seed, 3), stalls));
    expect(check.passed).toBe(false);
    expect(check.differences).toEqual([
      {
        field: 'expect.emails[1]',
        message: 'expected credential_help at +2h05m, got +3h05m',
        nodeIds: ['credential_help'],
      },
    ]);
  });

  it('passes when the email comes within its tolerance', () => {
    const tolerant = { emails: [{ nodeId: 'credential_help', at: '+2h', tolerance: '5m' }] };
    expect(checkExpectations(tolerant, runScenarioSimulation(seed, stalls)).passed).toBe(true);
    const strict = { emails: [{ nodeId: 'credential_help', at: '+2h', tolerance: '4m' }] };
    expect(checkExpectations(strict, runScenarioSimulation(seed, stalls)).differences[0]?.message).toBe(
      'expected credential_help at +2h (±4m), got +2h05m',
    );
  });

  it('fails for an expected email that never comes, and for one that must not come', () => {
    const run = runScenarioSimulation(seed, stalls);
    const check = checkExpectations({ emails: [{ nodeId: 'domain_help', at: '+1d' }], noEmails: ['confirm'] }, run);
    expect(check.differences.map((d) => d.message)).toEqual([
      'expected domain_help at +1d, got none',
      // With the emails that must not come listed, every step is named: credential_help is not.
      'got credential_help at +2h05m, a step the scenario does not name (added since it was pinned?)',
      'expected no confirm, got one at +5m',
    ]);
  });

  it('fails a pinned scenario when an email step added since sends: the pin named every step there was', () => {
    const run = runScenarioSimulation(seed, stalls);
    const pinnedNoneElse = { ...pinned, noEmails: (pinned.noEmails ?? []).filter((id) => id !== 'domain_help') };
    const added = {
      ...run,
      outcomes: [
        ...run.outcomes,
        { ...(run.outcomes[1] as (typeof run.outcomes)[number]), nodeId: 'new_tip', at: run.start + 3_600_000 },
      ],
    };
    expect(checkExpectations(pinnedNoneElse, added).differences.map((d) => d.message)).toEqual([
      'got new_tip at +1h, a step the scenario does not name (added since it was pinned?)',
    ]);
    // Written by hand without the emails that must not come, the list names only what must arrive.
    expect(checkExpectations({ emails: pinned.emails }, added).passed).toBe(true);
  });

  it('fails when a node sends more often than listed', () => {
    const run = runScenarioSimulation(seed, stalls);
    expect(checkExpectations({ emails: [] }, run).passed).toBe(true);
    const twice = {
      ...run,
      outcomes: [
        ...run.outcomes,
        { ...(run.outcomes[1] as (typeof run.outcomes)[number]), at: run.start + 6 * 3_600_000 },
      ],
    };
    expect(
      checkExpectations({ emails: [{ nodeId: 'confirm', at: '+5m' }] }, twice).differences.map((d) => d.message),
    ).toEqual(['got confirm again at +6h, expected it once']);
  });

  it('fails when the user ends elsewhere or is still waiting, marking both nodes', () => {
    // Run until +1h only: the key came at +25m, so the user now waits for the domain.
    const cut = runScenarioSimulation(
      seed,
      { ...stalls, timeline: '+5m integration_started integration_type=custom_api\n+25m api_key_created' },
      { until: Date.parse('2026-01-05T10:00:00Z') },
    );
    const check = checkExpectations({ end: { nodeId: 'abandoned_exit', reason: 'setup_abandoned' } }, cut);
    expect(check.differences).toEqual([
      {
        field: 'expect.end',
        message: 'expected to end at abandoned_exit (setup_abandoned), got still waiting at wait_domain',
        nodeIds: ['abandoned_exit', 'wait_domain'],
      },
    ]);
  });

  it('a scenario without expectations passes and says it expects nothing', () => {
    expect(checkExpectations(undefined, runScenarioSimulation(seed, stalls))).toEqual({
      hasExpectations: false,
      passed: true,
      differences: [],
    });
  });
});

describe('problems of a saved scenario', () => {
  it('names the timeline line and the expectation fields that point nowhere or at the wrong kind of step', () => {
    const scenario: Scenario = {
      ...stalls,
      timeline: '+5m integration_started\n+3hr api_key_created',
      expect: {
        emails: [{ nodeId: 'wait_api_key', at: '+1h' }],
        noEmails: ['nope'],
        end: { nodeId: 'gone' },
      },
    };
    expect(scenarioProblems(seed, scenario)).toEqual([
      { field: 'timeline', message: "line 2: unknown time unit 'hr' (use s, m, h, d or w)" },
      { field: 'expect.emails[0].nodeId', message: '"wait_api_key" is a wait step, not an email step' },
      { field: 'expect.noEmails[0]', message: 'the journey has no node "nope"' },
      { field: 'expect.end.nodeId', message: 'the journey has no node "gone"' },
    ]);
  });
});

describe('webhook expectations', () => {
  const troubleshooting = loadSeed('setup-troubleshooting');
  const founder = troubleshooting.scenarios.find((s) => s.id === 'repeated-errors-founder');
  if (!founder?.expect) throw new Error('the bundled scenario expects its outcome');
  const run = runScenarioSimulation(troubleshooting, founder);

  it('`webhooks: []` means none may be called', () => {
    const check = checkExpectations({ ...founder.expect, webhooks: [] }, run);
    expect(check.passed).toBe(false);
    expect(check.differences.map((d) => d.message)).toContainEqual(
      expect.stringMatching(/^got webhook support_escalation at \+40m, a step the scenario does not name/),
    );
  });

  it('a pinned scenario fails when a webhook step it did not name is called', () => {
    const { webhooks: _listed, ...withoutWebhooks } = founder.expect ?? {};
    expect(withoutWebhooks.noEmails).toBeDefined();
    expect(checkExpectations(withoutWebhooks, run).passed).toBe(false);
    // Without the pinned list of silent emails, unlisted webhooks are not judged (as before).
    const { noEmails: _silent, ...loose } = withoutWebhooks;
    expect(checkExpectations(loose, run).passed).toBe(true);
  });
});
