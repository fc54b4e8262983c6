import type { BacktestCounts } from '../../shared/api/backtest';
import { compileJourney } from '../../shared/engine/compile';
import { staticContext } from '../../shared/engine/interpreter';
import {
  DEFAULT_ENGINE_CONFIG,
  type EngineConfig,
  emptyUserState,
  type RunState,
  type StepResult,
  type TrackEvent,
  type UserEvent,
} from '../../shared/engine/types';
import { runUserLoop, type StepCause } from '../../shared/engine/user-loop';
import type { Journey } from '../../shared/journey/schema';
import { bump, countsOf, emptyMaps } from './counts';
import { createGoalTally } from './goal-tally';
import { relevantEvents, triggerEvents } from './relevant-events';

/** The period whose outcomes count: [from, to). Events before `to` are replayed. */
export interface ReplayWindow {
  from: number;
  to: number;
}

/** A user entering the journey in the period, as the forecast copies new entrants. */
export interface Entry {
  at: number;
  userId: string;
  traits: Record<string, unknown>;
  event: TrackEvent;
}

export interface TallyOptions {
  /** Told of every entry in the period. */
  onEntry?: (entry: Entry) => void;
}

/** One journey's backtest, fed one user at a time. */
export interface BacktestTally {
  journeyId: string;
  /** Whether a stored event of this name can matter to the journey. */
  uses(eventName: string): boolean;
  /** Whether a user with events of these names can enter at all. */
  canEnter(eventNames: Iterable<string>): boolean;
  /** Replays one user's events (time order, all before `to`) and counts what falls in the period. */
  replay(userId: string, events: readonly UserEvent[]): void;
  counts(): BacktestCounts;
  /** Per wait: the last event that made a run there go on (the forecast copies it for people who act). */
  actEvents(): ReadonlyMap<string, TrackEvent>;
}

const DAY_MS = 86_400_000;

/**
 * The counting code of the backtest: THE user loop (`runUserLoop`, as `simulate` runs it) over
 * each user's stored events on a virtual clock until `to`, the journey alone, with the engine's
 * cap across journeys. The CLI and the app's worker both count with this.
 * @example
 * const tally = createBacktestTally(journey, { from, to }, { globalCap });
 * for (const user of users) tally.replay(user.id, user.events);
 * tally.counts().by_node;
 */
export function createBacktestTally(
  journey: Journey,
  window: ReplayWindow,
  config: Partial<EngineConfig> = {},
  options: TallyOptions = {},
): BacktestTally {
  const compiled = compileJourney(journey, 1, true);
  const ctx = staticContext([compiled], { ...DEFAULT_ENGINE_CONFIG, ...config });
  const relevant = relevantEvents(journey);
  const triggers = triggerEvents(journey);
  const edgeIds = new Map(journey.edges.map((e) => [`${e.from}\u0000${e.to}`, e.id]));
  const inWindow = (at: number) => at >= window.from && at < window.to;

  const maps = emptyMaps();
  const goal = createGoalTally(journey);
  const { byNode, emailsPerDay, exits, entriesPerDay, reached, edges, waited, acted, happened, actMs } = maps;
  const actEvents = new Map<string, TrackEvent>();
  let users = 0;
  let events = 0;

  const countOutcomes = (step: StepResult, cause: StepCause): boolean => {
    let any = false;
    for (const o of step.outcomes) {
      if (!inWindow(o.at)) continue;
      any = true;
      goal.outcome(o);
      bump(byNode, `${o.nodeId}\u0000${o.type}`);
      if (o.type === 'email') bump(emailsPerDay, `${utcDay(o.at)}\u0000${o.nodeId}`);
      if (o.type === 'exit') bump(exits, o.reason ?? 'completed');
      if (o.type === 'enter') {
        bump(entriesPerDay, utcDay(o.at));
        if (options.onEntry && cause.kind === 'event' && cause.event.type === 'track') {
          options.onEntry({ at: o.at, userId: o.userId, traits: step.user.traits, event: cause.event });
        }
      }
    }
    return any;
  };

  /** Arrivals at nodes and the connections taken, from the decisions' order within each run. */
  const countPath = (step: StepResult, lastNode: Map<string, string>) => {
    for (const d of step.decisions) {
      if (d.runId === null || d.nodeId === null) continue;
      const previous = lastNode.get(d.runId);
      if (previous === d.nodeId) continue;
      lastNode.set(d.runId, d.nodeId);
      if (!inWindow(d.at)) continue;
      bump(reached, d.nodeId);
      const edgeId = previous === undefined ? undefined : edgeIds.get(`${previous}\u0000${d.nodeId}`);
      if (edgeId) bump(edges, edgeId);
    }
  };

  /** Runs that left a step where they waited: by the user's doing (an event) or by time. */
  const countWaits = (before: readonly RunState[], step: StepResult, cause: StepCause) => {
    const at = cause.kind === 'event' ? cause.event.timestamp : cause.at;
    if (!inWindow(at)) return;
    for (const run of step.user.runs) {
      const was = before.find((r) => r.runId === run.runId);
      if (!was || was === run || was.status !== 'active' || was.wakeAt === null) continue;
      if (run.status === 'active' && run.nodeId === was.nodeId && run.nodeSince === was.nodeSince) continue;
      bump(waited, was.nodeId);
      if (cause.kind !== 'event') continue;
      bump(acted, was.nodeId);
      // Acting by doing what the wait waits for (rather than by an exit rule): when, and with what.
      const node = compiled.nodes.get(was.nodeId);
      const event = cause.event;
      if (
        node?.type === 'wait' &&
        event.type === 'track' &&
        event.event === node.config.event &&
        run.nodeId !== was.nodeId
      ) {
        bump(happened, was.nodeId);
        actMs.set(was.nodeId, (actMs.get(was.nodeId) ?? 0) + (event.timestamp - was.nodeSince));
        actEvents.set(was.nodeId, event);
      }
    }
  };

  return {
    journeyId: journey.id,
    uses: (name) => relevant.has(name),
    canEnter(names) {
      for (const name of names) if (triggers.has(name)) return true;
      return false;
    },
    replay(userId, userEvents) {
      events += userEvents.length;
      let runs: readonly RunState[] = [];
      let touched = false;
      const lastNode = new Map<string, string>();
      runUserLoop(ctx, emptyUserState(userId), userEvents, {
        through: window.to,
        onStep: (step, cause) => {
          if (countOutcomes(step, cause)) touched = true;
          countPath(step, lastNode);
          countWaits(runs, step, cause);
          runs = step.user.runs;
        },
      });
      goal.endUser(userId, userEvents);
      if (touched) users++;
    },
    actEvents: () => actEvents,
    counts: () => countsOf(journey, window, { ...maps, users, events }, goal.counts()),
  };
}

/** `2026-03-02` for a time on that UTC day. */
function utcDay(at: number): string {
  return new Date(Math.floor(at / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}
