import type { EngineConfig } from '../../../shared/engine/types';
import type { Journey } from '../../../shared/journey/schema';
import type { ExpectationDifference } from '../../../shared/scenario/check';
import { checkScenario } from '../../../shared/scenario/verdict';

/** Where a saved scenario stands against what it expects, on the draft as it is now. */
export type ScenarioCheck =
  | { status: 'pass' | 'fail'; differences: ExpectationDifference[] }
  /** It expects nothing yet: nothing to pass or fail. */
  | { status: 'none'; differences: [] }
  /** It cannot run (a timeline line or an expectation names something wrong). */
  | { status: 'broken'; differences: ExpectationDifference[] };

/**
 * Runs every saved scenario of a journey (as `dripagent test` does) and checks its expectations.
 * @example checkSavedScenarios(journey, {})['stalls-before-api-key'].status // 'pass'
 */
export function checkSavedScenarios(journey: Journey, config: Partial<EngineConfig>): Record<string, ScenarioCheck> {
  const checks: Record<string, ScenarioCheck> = {};
  for (const scenario of journey.scenarios) {
    const verdict = checkScenario(journey, scenario, config);
    checks[scenario.id] =
      verdict.status === 'broken'
        ? {
            status: 'broken',
            differences: verdict.problems.map((p) => ({ field: p.field, message: p.message, nodeIds: [] })),
          }
        : verdict.status === 'none'
          ? { status: 'none', differences: [] }
          : { status: verdict.status, differences: verdict.differences };
  }
  return checks;
}

/**
 * The nodes where failing scenarios now differ from what they expect, each with the names of
 * those scenarios (for the mark on the canvas).
 * @example differingNodes(journey, checks).get('credential_help') // ['Stalls before the API key']
 */
export function differingNodes(
  journey: Pick<Journey, 'scenarios'>,
  checks: Readonly<Record<string, ScenarioCheck>>,
): Map<string, string[]> {
  const nodes = new Map<string, string[]>();
  for (const scenario of journey.scenarios) {
    const check = checks[scenario.id];
    if (check?.status !== 'fail') continue;
    for (const nodeId of new Set(check.differences.flatMap((d) => d.nodeIds))) {
      nodes.set(nodeId, [...(nodes.get(nodeId) ?? []), scenario.name || scenario.id]);
    }
  }
  return nodes;
}
