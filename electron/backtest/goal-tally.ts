import type { GoalCounts } from '../../shared/api/backtest';
import { isHoldout } from '../../shared/engine/holdout';
import type { Outcome, UserEvent } from '../../shared/engine/types';
import type { Journey } from '../../shared/journey/schema';
import { goalReachedAt } from '../../shared/metrics/goal';

/** A backtest's goal conversions, fed one user at a time (see createBacktestTally). */
export interface GoalTally {
  /** An outcome in the period: entries and emails are checked against the goal when the user ends. */
  outcome(outcome: Outcome): void;
  /** The user's replayed events (all before the period's end): their entries and emails counted. */
  endUser(userId: string, events: readonly UserEvent[]): void;
  counts(): GoalCounts | null;
}

/** The sums a goal tally keeps; parts of a split backtest add them up (mergeGoalCounts). */
interface GoalSums {
  entered: number;
  converted: number;
  heldOut: number;
  heldOutConverted: number;
  /** Per email node: users it reached, and those of them who reached the goal after it. */
  emails: Map<string, { recipients: number; converted: number }>;
}

/**
 * Goal conversions as the Results tab counts them, over a backtest: each entry in the period
 * converts when the goal event comes at or after it and at most the goal's window later
 * (goalReachedAt, the rule the report's SQL follows); each email step's recipients (the first
 * email a user got from it in the period) convert the same way after that email. Null for a
 * journey without a goal.
 * @example const goal = createGoalTally(journey); goal.outcome(enter); goal.endUser('ann', events); goal.counts()
 */
export function createGoalTally(journey: Journey): GoalTally {
  const goal = journey.settings.goal;
  const sums = emptySums();
  let entries: number[] = [];
  const firstEmails = new Map<string, number>();
  return {
    outcome(o) {
      if (!goal) return;
      if (o.type === 'enter') entries.push(o.at);
      else if (o.type === 'email' && !firstEmails.has(o.nodeId)) firstEmails.set(o.nodeId, o.at);
    },
    endUser(userId, events) {
      if (!goal || (entries.length === 0 && firstEmails.size === 0)) return;
      const goalEvents = events.flatMap((e) =>
        e.type === 'track' && e.event === goal.event ? [{ name: e.event, ts: e.timestamp }] : [],
      );
      const reached = (from: number) => goalReachedAt(goalEvents, goal, from) !== null;
      const heldOut = isHoldout(userId, journey.id, journey.settings.holdoutPercent);
      for (const at of entries) {
        const converted = reached(at) ? 1 : 0;
        sums.entered++;
        sums.converted += converted;
        if (heldOut) {
          sums.heldOut++;
          sums.heldOutConverted += converted;
        }
      }
      for (const [nodeId, at] of firstEmails) {
        const email = sums.emails.get(nodeId) ?? { recipients: 0, converted: 0 };
        email.recipients++;
        if (reached(at)) email.converted++;
        sums.emails.set(nodeId, email);
      }
      entries = [];
      firstEmails.clear();
    },
    counts: () => goalCountsOf(journey, sums),
  };
}

/** One backtest's goal counts from those of its parts (disjoint sets of users). */
export function mergeGoalCounts(journey: Journey, parts: readonly (GoalCounts | null)[]): GoalCounts | null {
  const sums = emptySums();
  for (const part of parts) {
    if (!part) continue;
    sums.entered += part.entered;
    sums.converted += part.converted;
    sums.heldOut += part.holdout?.entered ?? 0;
    sums.heldOutConverted += part.holdout?.converted ?? 0;
    for (const e of part.emails) {
      const email = sums.emails.get(e.nodeId) ?? { recipients: 0, converted: 0 };
      email.recipients += e.recipients;
      email.converted += e.converted;
      sums.emails.set(e.nodeId, email);
    }
  }
  return goalCountsOf(journey, sums);
}

function emptySums(): GoalSums {
  return { entered: 0, converted: 0, heldOut: 0, heldOutConverted: 0, emails: new Map() };
}

const rate = (converted: number, entered: number) => (entered > 0 ? converted / entered : null);

function goalCountsOf(journey: Journey, sums: GoalSums): GoalCounts | null {
  const goal = journey.settings.goal;
  if (!goal) return null;
  const percent = journey.settings.holdoutPercent ?? 0;
  return {
    event: goal.event,
    within: goal.within,
    entered: sums.entered,
    converted: sums.converted,
    rate: rate(sums.converted, sums.entered),
    holdout:
      percent > 0
        ? {
            percent,
            entered: sums.heldOut,
            converted: sums.heldOutConverted,
            rate: rate(sums.heldOutConverted, sums.heldOut),
          }
        : null,
    // In the journey's order, as the canvas reads.
    emails: journey.nodes.flatMap((n) => {
      const email = sums.emails.get(n.id);
      return email ? [{ nodeId: n.id, ...email }] : [];
    }),
  };
}
