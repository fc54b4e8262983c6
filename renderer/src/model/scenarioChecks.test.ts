import { describe, expect, it } from 'vitest';
import { loadSeed } from '../../../test/events';
import { checkSavedScenarios, differingNodes } from './scenarioChecks';

const seed = loadSeed('integration-setup');

/** The seed with API integrations waiting 3 hours for the key (the reminder comes an hour later). */
const slower = {
  ...seed,
  nodes: seed.nodes.map((n) =>
    n.id === 'wait_api_key' && n.type === 'wait' && typeof n.config.timeout !== 'string'
      ? {
          ...n,
          config: { ...n.config, timeout: { ...n.config.timeout, values: { ...n.config.timeout.values, api: '3h' } } },
        }
      : n,
  ),
};

describe('checking the saved scenarios on the draft', () => {
  it('passes every bundled scenario on the bundled journey', () => {
    const checks = checkSavedScenarios(seed, {});
    expect(Object.values(checks).map((c) => c.status)).toEqual(seed.scenarios.map(() => 'pass'));
  });

  it('fails the scenarios an edit changes, and marks the nodes where they now differ', () => {
    const checks = checkSavedScenarios(slower, {});
    expect(checks['stalls-before-api-key']).toEqual({
      status: 'fail',
      differences: [
        {
          field: 'expect.emails[1]',
          message: 'expected credential_help at +2h05m, got +3h05m',
          nodeIds: ['credential_help'],
        },
      ],
    });
    expect(checks['oauth-stalls']?.status).toBe('pass');
    // The error help after a repeated error waits for the same (slower) API key timeout.
    expect(differingNodes(slower, checks)).toEqual(
      new Map([
        ['credential_help', ['Stalls before the API key', 'API integration stalls']],
        ['error_help', ['Repeated errors with the same code']],
      ]),
    );
  });

  it('says a scenario expects nothing, and that one naming a missing node cannot run', () => {
    const [first, second] = seed.scenarios;
    if (!first || !second) throw new Error('the seed has scenarios');
    const journey = {
      ...seed,
      scenarios: [
        { ...first, expect: undefined },
        { ...second, expect: { end: { nodeId: 'nowhere' } } },
      ],
    };
    const checks = checkSavedScenarios(journey, {});
    expect(checks[first.id]).toEqual({ status: 'none', differences: [] });
    expect(checks[second.id]).toEqual({
      status: 'broken',
      differences: [{ field: 'expect.end.nodeId', message: 'the journey has no node "nowhere"', nodeIds: [] }],
    });
  });
});
