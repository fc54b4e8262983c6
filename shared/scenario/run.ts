import { type SimulationResult, simulate } from '../engine/simulate';
import type { EngineConfig, Outcome } from '../engine/types';
import type { Journey, Scenario } from '../journey/schema';
import { scenarioEvents, type TimelineError } from './timeline';

/** Where the scenario's user ended up in the journey after the run. */
export interface ScenarioEnd {
  nodeId: string;
  /** The exit reason (`setup_abandoned`), the reason they did not enter (`not_eligible`), or null while waiting. */
  reason: string | null;
  status: 'done' | 'waiting' | 'not_entered';
}

export interface ScenarioRun {
  userId: string;
  /** The scenario's start (its profile's createdAt, or a fixed Monday morning): times are offsets from it. */
  start: number;
  /** Lines of the timeline that could not be read (those lines are left out of the run). */
  errors: TimelineError[];
  simulation: SimulationResult;
  /** The outcomes of this journey only, in time order. */
  outcomes: Outcome[];
  end: ScenarioEnd | null;
}

export type ScenarioInput = Pick<Scenario, 'id' | 'profile' | 'timeline'> & { userId?: string | undefined };

export interface ScenarioRunOptions {
  until?: number;
  config?: Partial<EngineConfig>;
  otherJourneys?: readonly Journey[];
}

/**
 * Runs a saved scenario through a journey with THE interpreter (`simulate`, exactly as
 * `dripagent simulate` does). The canvas simulator and `dripagent test` both run scenarios here.
 * @example runScenarioSimulation(journey, journey.scenarios[0]).end // { nodeId: 'abandoned_exit', reason: 'setup_abandoned', status: 'done' }
 */
export function runScenarioSimulation(
  journey: Journey,
  scenario: ScenarioInput,
  options: ScenarioRunOptions = {},
): ScenarioRun {
  const built = scenarioEvents(scenario);
  const simulation = simulate({
    journeys: [journey, ...(options.otherJourneys ?? [])],
    events: built.events,
    ...(options.until !== undefined ? { until: options.until } : {}),
    ...(options.config ? { config: options.config } : {}),
  });
  const outcomes = simulation.outcomes.filter((o) => o.journeyId === journey.id);
  const runs = simulation.users.get(built.userId)?.runs.filter((r) => r.journeyId === journey.id) ?? [];
  return {
    userId: built.userId,
    start: built.start,
    errors: built.errors,
    simulation,
    outcomes,
    end: endOf(journey, runs, outcomes),
  };
}

function endOf(
  journey: Journey,
  runs: readonly { status: string; nodeId: string; endReason: string | null }[],
  outcomes: readonly Outcome[],
): ScenarioEnd | null {
  const last = runs[runs.length - 1];
  if (last) {
    return last.status === 'done'
      ? { nodeId: last.nodeId, reason: last.endReason, status: 'done' }
      : { nodeId: last.nodeId, reason: null, status: 'waiting' };
  }
  const triggers = new Set(journey.nodes.filter((n) => n.type === 'trigger').map((n) => n.id));
  const refused = outcomes.filter((o) => o.type === 'skip' && triggers.has(o.nodeId)).pop();
  return refused ? { nodeId: refused.nodeId, reason: refused.reason ?? null, status: 'not_entered' } : null;
}
