import { humanizeEvent } from '../journey/humanize';
import { type Difference, newcombeInterval } from './interval';

/** Below this many users in either group, no difference is claimed. */
export const MIN_USERS_PER_GROUP = 30;

/** How one group did against the goal. */
export interface GroupOutcome {
  label: string;
  users: number;
  converted: number;
  rate: number | null;
  /** Median time from entering to the goal, over those who reached it (nearest rank). */
  medianMsToGoal: number | null;
}

export interface Comparison {
  /** The group given the emails (or the branch compared), then the one compared against. */
  treatment: GroupOutcome;
  control: GroupOutcome;
  /** Treatment's rate minus control's, with its 95% interval (Newcombe); null when a group is empty. */
  interval: Difference | null;
  /** Whether both groups are large enough to tell. */
  enough: boolean;
  sentence: string;
}

const VERBS: Record<string, string> = {
  integration_connected: 'connected',
  sync_completed: 'completed a sync',
  test_event_sent: 'sent a test event',
  api_key_created: 'created an API key',
  domain_verified: 'verified their domain',
};

/** "connected", or "reached Trial started" for an event without a verb of its own. */
export function goalVerb(event: string): string {
  return VERBS[event] ?? `reached “${humanizeEvent(event)}”`;
}

const points = (share: number) => Math.round(share * 100);
/** A signed number of points with a true minus sign, as people write it: "−3". */
const signed = (n: number) => (n < 0 ? `−${-n}` : String(n));

/**
 * Compares two groups' goal conversion: the difference in points with its 95% confidence interval
 * and one plain sentence a marketer can act on.
 * @example compareGroups(emails, holdout, 'integration_connected', 'Users who got these emails').sentence
 * // "Users who got these emails connected 9 points more often (95% CI 3 to 15)."
 */
export function compareGroups(
  treatment: GroupOutcome,
  control: GroupOutcome,
  goalEvent: string,
  subject: string,
  than = '',
): Comparison {
  const interval = newcombeInterval(treatment.converted, treatment.users, control.converted, control.users);
  const enough = treatment.users >= MIN_USERS_PER_GROUP && control.users >= MIN_USERS_PER_GROUP;
  let sentence: string;
  if (!enough || !interval) {
    const smaller = Math.min(treatment.users, control.users);
    sentence = `Not enough users yet to tell: ${smaller.toLocaleString('en-US')} in the smaller group so far, ${MIN_USERS_PER_GROUP} per group needed.`;
  } else {
    const diff = points(interval.difference);
    const ci = `(95% CI ${signed(points(interval.lower))} to ${signed(points(interval.upper))})`;
    const size = Math.abs(diff);
    const how =
      diff === 0 ? 'as often' : `${size} ${size === 1 ? 'point' : 'points'} ${diff > 0 ? 'more' : 'less'} often`;
    const claim = `${subject} ${goalVerb(goalEvent)} ${how}${than} ${ci}.`;
    const clear = interval.lower > 0 || interval.upper < 0;
    sentence = clear ? claim : `No clear difference yet: ${claim.charAt(0).toLowerCase()}${claim.slice(1)}`;
  }
  return { treatment, control, interval, enough, sentence };
}
