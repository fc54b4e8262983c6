import { formatOutcome } from '../../../electron/cli/simulate';
import { compileJourney } from '../../../shared/engine/compile';
import { staticContext } from '../../../shared/engine/interpreter';
import { simulate } from '../../../shared/engine/simulate';
import { DEFAULT_ENGINE_CONFIG, emptyUserState, type UserEvent } from '../../../shared/engine/types';
import { runUserLoop } from '../../../shared/engine/user-loop';
import type { Journey } from '../../../shared/journey/schema';
import { loadSeed } from '../../events';
import { generateJourney } from './journeys';
import { Random } from './random';
import { type Delivery, deliveries, generateUser } from './timelines';

/**
 * Generated scenarios for the proofs that a live engine and `simulate` are one interpreter:
 * random profiles, timelines delivered in shuffled batches, late and twice, over the bundled
 * journeys or a generated journey using every node type.
 */
const DAY = 86_400_000;
export const T0 = Date.parse('2026-03-02T08:00:00Z');

const bundled = [loadSeed('integration-setup'), loadSeed('setup-troubleshooting')];

/** The bundled journeys with their webhook pointed at the local hook server (tests reach 127.0.0.1 only). */
export function bundledJourneys(hookUrl: string): Journey[] {
  return bundled.map((journey) => ({
    ...journey,
    nodes: journey.nodes.map((n) => (n.type === 'webhook' ? { ...n, config: { ...n.config, url: hookUrl } } : n)),
  }));
}

export interface Case {
  seed: number;
  journeys: Journey[];
  deliveries: Delivery[];
  userIds: string[];
  horizon: number;
}

/** One scenario, entirely from its seed. */
export function generateCase(seed: number, hookUrl: string): Case {
  const random = new Random(seed);
  const kind = random.chance(0.4) ? 'seed' : 'generated';
  const journeys = kind === 'seed' ? bundledJourneys(hookUrl) : [generateJourney(random, `gen-${seed}`, hookUrl)];
  const users = Array.from({ length: random.int(1, 3) }, (_, i) =>
    generateUser(random, `c${seed}-u${i}`, T0 + random.int(0, 6 * 60) * 60_000, kind),
  );
  const horizon = T0 + 8 * DAY;
  const all: Delivery[] = users.flatMap((user) =>
    deliveries(random, user, wakeupTimes(journeys, user.events, horizon)),
  );
  // Deliveries at the same moment travel together, users interleaved.
  const byTime = new Map<number, UserEvent[]>();
  for (const d of all) byTime.set(d.at, [...(byTime.get(d.at) ?? []), ...d.events]);
  const merged = [...byTime].sort(([a], [b]) => a - b).map(([at, events]) => ({ at, events: random.shuffle(events) }));
  return { seed, journeys, deliveries: merged, userIds: users.map((u) => u.userId), horizon };
}

/** When a user's wake-ups fire or are pending in the simulation: a late event must arrive before the next one. */
function wakeupTimes(journeys: readonly Journey[], events: readonly UserEvent[], horizon: number): number[] {
  const ctx = staticContext(
    journeys.map((j) => compileJourney(j, 1)),
    DEFAULT_ENGINE_CONFIG,
  );
  // Every wake-up ever pending, also those a later event cancelled: a live engine that has not yet
  // received that (late) event fires it when it is due, so the event must arrive before it.
  const times = new Set<number>();
  runUserLoop(ctx, emptyUserState(events[0]?.userId ?? ''), events, {
    through: horizon,
    onStep: (step, cause) => {
      if (cause.kind === 'wakeup') times.add(cause.at);
      for (const run of step.user.runs) if (run.status === 'active' && run.wakeAt !== null) times.add(run.wakeAt);
    },
  });
  return [...times].sort((a, b) => a - b);
}

/** Each user's outcome lines from `simulate`, given the events in the order they were delivered. */
export function simulated(c: Case): Map<string, string[]> {
  const events = c.deliveries.flatMap((d) => d.events);
  const result = simulate({ journeys: c.journeys, events, until: c.horizon });
  const lines = new Map<string, string[]>(c.userIds.map((id) => [id, []]));
  for (const o of result.outcomes) lines.get(o.userId)?.push(formatOutcome(o));
  return lines;
}
