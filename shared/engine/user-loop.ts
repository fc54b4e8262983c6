import { applyEvent, applyTimer, type InterpreterContext } from './interpreter';
import type { StepResult, UserEvent, UserState } from './types';

/**
 * THE user loop around the interpreter: for one user, the wake-ups due before each event fire
 * first, in time order (at equal times the event goes first), then the event is applied; a wake-up
 * the interpreter ignored is cleared so it cannot fire again. The live engine (on ingestion and when
 * its scheduler fires), `dripagent simulate`, the canvas simulator, the backtest and the forecast
 * all drive the interpreter through this, so they cannot drift apart.
 */
export interface UserLoopOptions {
  /**
   * The wall clock (live engine): wake-ups due after it do not fire, and the interpreter judges
   * lateness against it. Omitted in simulation: every step happens at its own time.
   */
  now?: number;
  /** After the events, fire the wake-ups due at or before this time (inclusive). Omitted: none. */
  through?: number;
  /** Receives each interpreter step, in order (the effects to carry out, outcomes, decisions), and what caused it. */
  onStep?: (result: StepResult, cause: StepCause) => void;
  /**
   * Called before each event is applied, with the user's state at that moment (its earlier
   * wake-ups fired): the live engine acts on an event before any email it would cause, e.g. a
   * bounce suppresses the address.
   */
  beforeEvent?: (event: UserEvent, state: UserState) => void;
  /** A bound on wake-ups fired in one call; the rest stay pending (a journey looping on delays). */
  maxWakeups?: number;
}

/** What made the interpreter take a step: one of the user's events, or a run's wake-up. */
export type StepCause = { kind: 'event'; event: UserEvent } | { kind: 'wakeup'; runId: string; at: number };

const DEFAULT_MAX_WAKEUPS = 10_000;

/**
 * Runs one user's events (sorted by time; ties keep their order) through the interpreter with
 * their wake-ups, and returns the user's new state.
 * @example
 * // Simulation: two events, then every wake-up up to a horizon.
 * const state = runUserLoop(ctx, emptyUserState('u1'), [identify, started], { through: horizon, onStep: collect });
 * // Live: a batch of new events at wall-clock `now` (the scheduler fires later wake-ups).
 * const after = runUserLoop(ctx, loaded, fresh, { now, onStep: persist });
 */
export function runUserLoop(
  ctx: InterpreterContext,
  start: UserState,
  events: readonly UserEvent[],
  options: UserLoopOptions = {},
): UserState {
  const budget = { left: options.maxWakeups ?? DEFAULT_MAX_WAKEUPS };
  let state = start;
  for (const event of events) {
    state = fireWakeups(ctx, state, event.timestamp, false, options, budget);
    options.beforeEvent?.(event, state);
    const result = applyEvent(ctx, state, event, options.now ?? event.timestamp);
    options.onStep?.(result, { kind: 'event', event });
    state = result.user;
  }
  if (options.through !== undefined) state = fireWakeups(ctx, state, options.through, true, options, budget);
  return state;
}

/**
 * Fires the user's wake-ups due before `limit` (or at it, when `inclusive`), never after the wall
 * clock, earliest first. Wake-ups of paused journeys wait.
 */
function fireWakeups(
  ctx: InterpreterContext,
  start: UserState,
  limit: number,
  inclusive: boolean,
  options: UserLoopOptions,
  budget: { left: number },
): UserState {
  let state = start;
  while (budget.left > 0) {
    const next = earliestWakeup(ctx, state, limit, inclusive, options.now);
    if (!next) break;
    budget.left--;
    const result = applyTimer(ctx, state, next.runId, next.at, options.now ?? next.at);
    options.onStep?.(result, { kind: 'wakeup', runId: next.runId, at: next.at });
    // A wake-up the interpreter ignores, it clears (applyTimer); one that leads straight into a wait
    // with no time left is due again at once, and fires next.
    state = result.user;
  }
  return state;
}

function earliestWakeup(
  ctx: InterpreterContext,
  state: UserState,
  limit: number,
  inclusive: boolean,
  now: number | undefined,
): { runId: string; at: number } | undefined {
  let next: { runId: string; at: number } | undefined;
  for (const run of state.runs) {
    const at = run.wakeAt;
    if (run.status !== 'active' || at === null) continue;
    if (inclusive ? at > limit : at >= limit) continue;
    if (now !== undefined && at > now) continue;
    if (ctx.paused?.has(run.journeyId)) continue;
    if (!next || at < next.at) next = { runId: run.runId, at };
  }
  return next;
}
