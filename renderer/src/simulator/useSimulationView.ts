import { useMemo } from 'react';
import type { Journey, JourneyNode, Scenario } from '../../../shared/journey/schema';
import type { ScenarioResult } from '../model/scenario-run';
import { useAppStore } from '../store/context';
import { selectDraft } from '../store/selectors';
import { isDecision, type StepKind, stepKind } from './steps';

/** What the panel draws from one run, computed once per run. */
export interface SimulationView {
  result: ScenarioResult;
  kinds: StepKind[];
  decisions: boolean[];
  times: number[];
  node(id: string): JourneyNode | undefined;
  /** The time zone the user reads their clock in. */
  timeZone: string;
  /** The address the emails go to. */
  to: string;
}

export function buildView(journey: Journey, scenario: Scenario, result: ScenarioResult): SimulationView {
  const nodes = new Map(journey.nodes.map((node) => [node.id, node] as const));
  const kinds = result.path.map((step) => stepKind(step, nodes.get(step.nodeId)?.type));
  const zone = scenario.profile.timezone;
  const userId = scenario.userId ?? `scenario-${scenario.id}`;
  const email = scenario.profile.email;
  return {
    result,
    kinds,
    decisions: kinds.map(isDecision),
    times: result.path.map((step) => step.at),
    node: (id) => nodes.get(id),
    timeZone: typeof zone === 'string' && zone !== '' ? zone : journey.settings.timezone,
    to: typeof email === 'string' && email !== '' ? email : `${userId}@example.com`,
  };
}

/** The open simulation's run, ready to draw; undefined before the first run. */
export function useSimulationView(): SimulationView | undefined {
  const journey = useAppStore(selectDraft);
  const scenario = useAppStore((state) => state.simulation?.scenario);
  const result = useAppStore((state) => state.simulation?.result);
  return useMemo(
    () => (journey && scenario && result ? buildView(journey, scenario, result) : undefined),
    [journey, scenario, result],
  );
}
