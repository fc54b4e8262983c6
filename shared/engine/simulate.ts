import type { Journey } from '../journey/schema';
import { compileJourney } from './compile';
import { type InterpreterContext, staticContext } from './interpreter';
import {
  DEFAULT_ENGINE_CONFIG,
  type Decision,
  type Effect,
  type EngineConfig,
  emptyUserState,
  type Outcome,
  type UserEvent,
  type UserState,
} from './types';
import { runUserLoop } from './user-loop';

const DAY = 86_400_000;

export interface SimulationInput {
  journeys: readonly Journey[];
  /** Events in any order; each user's are applied in event-time order (ties keep input order). */
  events: readonly UserEvent[];
  /** Stop the virtual clock here (ms). Default: when every run has finished, at most 30 days after the last event. */
  until?: number;
  config?: Partial<EngineConfig>;
  /** Starting state per user (e.g. a scenario's profile), before any event. */
  initialUsers?: ReadonlyMap<string, UserState>;
}

export interface SimulationResult {
  outcomes: Outcome[];
  decisions: Decision[];
  effects: Effect[];
  users: Map<string, UserState>;
}

/**
 * Runs users' events through journeys on a virtual clock, using the one interpreter. Users are
 * independent, so each is run to the end before the next; results are merged in time order.
 * @example simulate({ journeys: [journey], events }).outcomes.filter((o) => o.type === 'email')
 */
export function simulate(input: SimulationInput): SimulationResult {
  const config = { ...DEFAULT_ENGINE_CONFIG, ...input.config };
  const ctx = staticContext(
    input.journeys.map((j) => compileJourney(j, 1)),
    config,
  );
  const byUser = new Map<string, UserEvent[]>();
  // A messageId is stored once whoever sends it (as the live store and the backtest keep it), so
  // a second event with the same id is dropped here too, even for another user.
  const messageIds = new Set<string>();
  for (const event of input.events) {
    if (messageIds.has(event.messageId)) continue;
    messageIds.add(event.messageId);
    const list = byUser.get(event.userId);
    if (list) list.push(event);
    else byUser.set(event.userId, [event]);
  }
  for (const userId of input.initialUsers?.keys() ?? []) if (!byUser.has(userId)) byUser.set(userId, []);
  const result: SimulationResult = { outcomes: [], decisions: [], effects: [], users: new Map() };
  let sequence = 0;
  const order: { at: number; seq: number; outcome: Outcome }[] = [];
  for (const [userId, events] of byUser) {
    const sorted = events
      .map((e, i) => [e, i] as const)
      .sort((a, b) => a[0].timestamp - b[0].timestamp || a[1] - b[1])
      .map(([e]) => e);
    const start = input.initialUsers?.get(userId) ?? emptyUserState(userId);
    const user = runUser(ctx, start, sorted, input.until);
    result.users.set(userId, user.state);
    for (const outcome of user.outcomes) order.push({ at: outcome.at, seq: sequence++, outcome });
    result.decisions.push(...user.decisions);
    result.effects.push(...user.effects);
  }
  order.sort((a, b) => a.at - b.at || a.seq - b.seq);
  result.outcomes = order.map((o) => o.outcome);
  result.decisions.sort((a, b) => a.at - b.at);
  return result;
}

/**
 * One user's virtual timeline: events and wake-ups in time order (at equal times events first),
 * through the one user loop, up to `until` (default: 30 days after the last event).
 */
export function runUser(
  ctx: InterpreterContext,
  start: UserState,
  events: readonly UserEvent[],
  until?: number,
): { state: UserState; outcomes: Outcome[]; decisions: Decision[]; effects: Effect[] } {
  const outcomes: Outcome[] = [];
  const decisions: Decision[] = [];
  const effects: Effect[] = [];
  const last = events.length > 0 ? (events[events.length - 1]?.timestamp ?? 0) : 0;
  const horizon = until ?? last + 30 * DAY;
  const state = runUserLoop(
    ctx,
    start,
    events.filter((e) => e.timestamp <= horizon),
    {
      through: horizon,
      onStep: (step) => {
        outcomes.push(...step.outcomes);
        decisions.push(...step.decisions);
        effects.push(...step.effects);
      },
    },
  );
  return { state, outcomes, decisions, effects };
}
