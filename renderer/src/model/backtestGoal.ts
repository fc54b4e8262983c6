import type { GoalCounts } from '../../../shared/api/backtest';
import { describeDuration } from '../../../shared/journey/duration';
import { humanizeEvent } from '../../../shared/journey/humanize';
import type { Journey } from '../../../shared/journey/schema';

/** A backtest's goal conversions in words, for the Backtest panel. */
export interface GoalWords {
  /** e.g. "41 of 120 entries (34%) reached “Integration connected” within 7 days." */
  headline: string;
  /** Against the live version over the same period, when there is one. */
  live: string | null;
  /** The held-out part, when the journey has a holdout. */
  holdout: string | null;
  /** Per email step: how many of the people it reached went on to the goal. */
  emails: { nodeId: string; title: string; words: string }[];
}

const percent = (rate: number | null) => (rate === null ? '' : ` (${Math.round(rate * 100)}%)`);
const count = (n: number) => n.toLocaleString('en-US');

/**
 * The goal part of a backtest in plain words: how many entries reached the goal, the draft against
 * its live version in points, the holdout, and each email's recipients who reached it afterwards.
 * @example goalWords(journey, draft.goal, live.goal).live // "The live version: 30% (36 of 120), 4 points below this draft."
 */
export function goalWords(journey: Journey, draft: GoalCounts, live: GoalCounts | null): GoalWords {
  const goal = `“${humanizeEvent(draft.event)}” within ${describeDuration(draft.within)}`;
  const titles = new Map(journey.nodes.map((n) => [n.id, n.title ?? n.id]));
  return {
    headline:
      draft.entered === 0
        ? `Nobody entered in this period, so nobody could reach ${goal}.`
        : `${count(draft.converted)} of ${count(draft.entered)} ${draft.entered === 1 ? 'entry' : 'entries'}${percent(draft.rate)} reached ${goal}.`,
    live: live && liveWords(draft, live),
    holdout: draft.holdout
      ? `Held out from emails (${draft.holdout.percent}%): ${count(draft.holdout.converted)} of ${count(draft.holdout.entered)}${percent(draft.holdout.rate)}.`
      : null,
    emails: draft.emails.map((e) => ({
      nodeId: e.nodeId,
      title: titles.get(e.nodeId) ?? e.nodeId,
      words: `${count(e.converted)} of ${count(e.recipients)}${percent(e.recipients > 0 ? e.converted / e.recipients : null)}`,
    })),
  };
}

function liveWords(draft: GoalCounts, live: GoalCounts): string {
  if (live.rate === null) return 'The live version: nobody entered in this period.';
  const numbers = `${Math.round(live.rate * 100)}% (${count(live.converted)} of ${count(live.entered)})`;
  if (draft.rate === null) return `The live version: ${numbers}.`;
  const points = Math.round((draft.rate - live.rate) * 100);
  if (points === 0) return `The live version: ${numbers}, the same as this draft.`;
  const size = Math.abs(points);
  return `The live version: ${numbers}, ${size} ${size === 1 ? 'point' : 'points'} ${points > 0 ? 'below' : 'above'} this draft.`;
}
