import type { Decision, Outcome } from '../../../shared/engine/types';
import type { Journey } from '../../../shared/journey/schema';
import {
  runScenarioSimulation,
  type ScenarioEnd,
  type ScenarioInput,
  type ScenarioRunOptions,
} from '../../../shared/scenario/run';
import type { TimelineError } from '../../../shared/scenario/timeline';

/** One email as the user would get it, with its send time. */
export interface ScenarioEmail {
  at: number;
  nodeId: string;
  journeyId: string;
  subject: string;
  html: string;
  text: string;
  from?: string | undefined;
}

/** One step of the path on the canvas: a node reached (and the edge taken to reach it). */
export interface PathStep {
  at: number;
  nodeId: string;
  /** The edge that led here from the previous node of the same run, when there is one. */
  edgeId: string | null;
  message: string;
}

export interface ScenarioResult {
  start: number;
  errors: TimelineError[];
  /** This journey's outcomes only, in time order (as `runScenarioSimulation` gives them). */
  outcomes: Outcome[];
  decisions: Decision[];
  emails: ScenarioEmail[];
  path: PathStep[];
  /** Where the user ended up: the scenario's expectations are checked against it. */
  end: ScenarioEnd | null;
}

/**
 * Runs a founder's scenario through a journey with THE interpreter (via `simulate`, exactly as
 * `dripagent simulate` and `dripagent test` do) and shapes the result for the canvas: emails as received, and the
 * path of nodes and edges with their times.
 * @example runScenario(journey, journey.scenarios[0]).emails.map((e) => e.subject)
 */
export function runScenario(
  journey: Journey,
  scenario: ScenarioInput,
  options: ScenarioRunOptions = {},
): ScenarioResult {
  const run = runScenarioSimulation(journey, scenario, options);
  const result = run.simulation;
  const emails: ScenarioEmail[] = [];
  for (const effect of result.effects) {
    if (effect.kind !== 'email') continue;
    emails.push({
      at: effect.at,
      nodeId: effect.nodeId,
      journeyId: effect.journeyId,
      subject: effect.email.subject,
      html: effect.email.html,
      text: effect.email.text,
      from: effect.email.from,
    });
  }
  emails.sort((a, b) => a.at - b.at);
  return {
    start: run.start,
    errors: run.errors,
    outcomes: run.outcomes,
    decisions: result.decisions,
    emails,
    path: pathOf(journey, result.decisions),
    end: run.end,
  };
}

/** The nodes each run went through, in order, joined by the edges between them. */
export function pathOf(journey: Journey, decisions: readonly Decision[]): PathStep[] {
  const steps: PathStep[] = [];
  const lastNodeOfRun = new Map<string, string>();
  for (const d of decisions) {
    if (d.journeyId !== journey.id || d.nodeId === null) continue;
    const previous = d.runId ? lastNodeOfRun.get(d.runId) : undefined;
    const edge =
      previous && previous !== d.nodeId
        ? journey.edges.find((e) => e.from === previous && e.to === d.nodeId)
        : undefined;
    steps.push({ at: d.at, nodeId: d.nodeId, edgeId: edge?.id ?? null, message: d.message });
    if (d.runId) lastNodeOfRun.set(d.runId, d.nodeId);
  }
  return steps;
}
