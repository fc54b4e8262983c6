import type { InterpreterContext } from '../../shared/engine/interpreter';
import type { RunState, StepResult, TrackEvent, UserEvent, UserState } from '../../shared/engine/types';
import { runUserLoop, type StepCause } from '../../shared/engine/user-loop';
import type { NodeOf } from '../../shared/journey/schema';

/** How users behaved at one waiting step in the last 30 days (from a backtest). */
export interface StepRates {
  /** The share who did something there: the awaited event, or what an exit rule listens for. */
  acted: number;
  /** The share who did what the wait waits for. */
  happened: number;
  /** How long after arriving they did it, on average. */
  actAfterMs: number;
  /** What they did (its properties are copied). */
  event: TrackEvent | undefined;
}

export type RatesOf = (journeyId: string, nodeId: string) => StepRates | undefined;

/** Adds an email at a time, to the upper bound (once) and to the expected count (with its chance). */
export type AddEmail = (at: number, journeyId: string, nodeId: string, chance: number, upper: boolean) => void;

/** A wait a run reached on the way: where the user might act instead of timing out. */
interface Fork {
  state: UserState;
  run: RunState;
  node: NodeOf<'wait'>;
  chance: number;
}

const MAX_DEPTH = 8;
const MAX_FORKS = 64;

/**
 * One user's next days, explored through THE user loop. The path where nobody acts counts every
 * email toward the upper bound; toward the expected count each email weighs the chance the user
 * got there: times (1 − the act rate) at every step a run timed out of. At every wait on the way,
 * the path where the user does what it waits for (after the usual delay) is explored too, with
 * the chance they do (the `happened` rate), so the emails further on count as expected.
 * @example exploreForward(context, state, [], horizon, ratesOf, add)
 */
export function exploreForward(
  context: InterpreterContext,
  start: UserState,
  events: readonly UserEvent[],
  horizon: number,
  ratesOf: RatesOf,
  add: AddEmail,
): void {
  const explorer: Explorer = { context, horizon, ratesOf, add, forksLeft: MAX_FORKS };
  const forks = explore(explorer, start, events, new Map(), null);
  // Runs already waiting when the forecast starts can act too.
  forks.push(...waitingRuns(context, start, null, new Map()));
  branch(explorer, forks, 1);
}

/** What every branch of one user's exploration shares. */
interface Explorer {
  context: InterpreterContext;
  horizon: number;
  ratesOf: RatesOf;
  add: AddEmail;
  forksLeft: number;
}

function branch(explorer: Explorer, forks: readonly Fork[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const fork of forks) {
    const rates = explorer.ratesOf(fork.run.journeyId, fork.node.id);
    if (!rates || rates.happened <= 0 || explorer.forksLeft <= 0 || fork.run.wakeAt === null) continue;
    explorer.forksLeft--;
    const at = Math.min(fork.run.nodeSince + rates.actAfterMs, fork.run.wakeAt - 1);
    if (at >= explorer.horizon || at < fork.run.nodeSince) continue;
    const act: TrackEvent = {
      type: 'track',
      event: fork.node.config.event,
      userId: fork.state.userId,
      timestamp: at,
      properties: rates.event?.properties ?? {},
      messageId: `forecast-act:${fork.run.runId}:${fork.node.id}:${at}`,
    };
    const chance = new Map([[fork.run.runId, fork.chance * rates.happened]]);
    const next = explore(explorer, fork.state, [act], chance, fork.run);
    branch(explorer, next, depth + 1);
  }
}

/**
 * Runs the loop from `start`; returns the waits reached on the way. In a branch (`only`), only
 * that run's journey counts: the other journeys' emails were counted on the path it forked from.
 */
function explore(
  explorer: Explorer,
  start: UserState,
  events: readonly UserEvent[],
  chance: Map<string, number>,
  only: RunState | null,
): Fork[] {
  const { context, horizon, ratesOf, add } = explorer;
  const forks: Fork[] = [];
  let runs: readonly RunState[] = start.runs;
  runUserLoop(context, start, events, {
    through: horizon,
    onStep: (step: StepResult, cause: StepCause) => {
      const mover = cause.kind === 'wakeup' ? cause.runId : only?.runId;
      let weight = mover ? (chance.get(mover) ?? 1) : 1;
      if (cause.kind === 'wakeup') {
        const was = runs.find((r) => r.runId === cause.runId);
        if (was && was.wakeAt === cause.at) weight *= 1 - (ratesOf(was.journeyId, was.nodeId)?.acted ?? 0);
        chance.set(cause.runId, weight);
      }
      for (const o of step.outcomes) {
        if (o.type === 'email' && (!only || o.journeyId === only.journeyId)) {
          add(o.at, o.journeyId, o.nodeId, weight, !only);
        }
      }
      forks.push(
        ...waitingRuns(context, step.user, runs, chance).filter((f) => !only || f.run.journeyId === only.journeyId),
      );
      runs = step.user.runs;
    },
  });
  return forks;
}

/**
 * The runs of `state` that have just arrived at a wait: not waiting there already in `before`
 * (every run waiting at a wait, when there is no before).
 */
function waitingRuns(
  context: InterpreterContext,
  state: UserState,
  before: readonly RunState[] | null,
  chance: ReadonlyMap<string, number>,
): Fork[] {
  const forks: Fork[] = [];
  for (const run of state.runs) {
    if (run.status !== 'active' || run.wakeAt === null) continue;
    const was = before?.find((r) => r.runId === run.runId);
    if (was && was.nodeId === run.nodeId && was.nodeSince === run.nodeSince) continue;
    const node = context.versionOf(run.journeyId, run.version)?.nodes.get(run.nodeId);
    if (node?.type === 'wait') forks.push({ state, run, node, chance: chance.get(run.runId) ?? 1 });
  }
  return forks;
}
