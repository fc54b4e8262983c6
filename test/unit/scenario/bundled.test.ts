import { describe, expect, it } from 'vitest';
import { checkExpectations } from '../../../shared/scenario/check';
import { runScenarioSimulation } from '../../../shared/scenario/run';
import { loadSeed } from '../../events';

describe.each(['integration-setup', 'setup-troubleshooting'])('the bundled journey %s', (id) => {
  const journey = loadSeed(id);
  const emailNodes = journey.nodes.filter((n) => n.type === 'email').map((n) => n.id);

  it.each(journey.scenarios.map((s) => [s.name, s] as const))(
    'scenario "%s" expects every email, every email step that stays silent, and its end, and passes',
    (_name, scenario) => {
      const run = runScenarioSimulation(journey, scenario);
      const expectation = scenario.expect;
      expect(expectation?.end).toBeDefined();
      const listed = expectation?.emails?.map((e) => e.nodeId) ?? [];
      expect(listed).toEqual(run.outcomes.filter((o) => o.type === 'email').map((o) => o.nodeId));
      expect([...listed, ...(expectation?.noEmails ?? [])].sort()).toEqual(
        [...new Set([...listed, ...emailNodes])].sort(),
      );
      expect(checkExpectations(expectation, run)).toMatchObject({ passed: true, differences: [] });
    },
  );
});
