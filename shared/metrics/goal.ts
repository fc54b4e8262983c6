import { parseDuration } from '../journey/duration';
import type { Goal } from '../journey/schema';

/**
 * When a user reached a journey's goal: the first goal event at or after `from` (their entry, or
 * an email) and at most the goal's window later, both ends included; null when they did not.
 * The report's SQL and the backtest count goals the same way.
 * @example goalReachedAt([{ name: 'integration_connected', ts: 5 }], { event: 'integration_connected', within: '7d' }, 0) // 5
 */
export function goalReachedAt(
  events: readonly { name: string; ts: number }[],
  goal: Goal,
  from: number,
): number | null {
  const until = from + parseDuration(goal.within);
  let first: number | null = null;
  for (const e of events) {
    if (e.name === goal.event && e.ts >= from && e.ts <= until && (first === null || e.ts < first)) first = e.ts;
  }
  return first;
}
