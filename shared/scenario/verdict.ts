import type { EngineConfig } from '../engine/types';
import type { Journey, Scenario } from '../journey/schema';
import { checkExpectations, type ExpectationDifference } from './check';
import { type ScenarioProblem, scenarioProblems } from './problems';
import { runScenarioSimulation } from './run';

/**
 * Where one saved scenario stands on a journey: `broken` when it cannot run (its timeline or an
 * expectation names something wrong), `none` when it ran but expects nothing yet, else whether
 * what it expects still happens. The Simulate tab and `dripagent test` both ask this.
 */
export type ScenarioVerdict =
  | { status: 'broken'; problems: ScenarioProblem[] }
  | { status: 'pass' | 'fail' | 'none'; differences: ExpectationDifference[] };

export function checkScenario(journey: Journey, scenario: Scenario, config: Partial<EngineConfig>): ScenarioVerdict {
  const problems = scenarioProblems(journey, scenario);
  if (problems.length > 0) return { status: 'broken', problems };
  const check = checkExpectations(scenario.expect, runScenarioSimulation(journey, scenario, { config }));
  if (!check.hasExpectations) return { status: 'none', differences: [] };
  return { status: check.passed ? 'pass' : 'fail', differences: check.differences };
}
