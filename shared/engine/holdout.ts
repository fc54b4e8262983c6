import { bucketOf } from './random';

/**
 * The key a journey's holdout hashes with the user id. Prefixed so that it never equals a node id:
 * a random split's branches stay independent of who is held out.
 */
const holdoutKey = (journeyId: string) => `holdout:${journeyId}`;

/**
 * Whether a user is in a journey's holdout group: the same answer for the same user and journey
 * everywhere (simulator, live engine, reports, backtest), with no state kept. Holdout users walk
 * the journey like everyone else but get no email or webhook (skipped with reason `holdout`), so
 * comparing them with everyone else measures what the messages change.
 * @example isHoldout('u_42', 'integration-setup', 10) // true for about 1 user in 10
 */
export function isHoldout(userId: string, journeyId: string, percent: number | undefined): boolean {
  return percent !== undefined && percent > 0 && bucketOf(userId, holdoutKey(journeyId)) < percent;
}
