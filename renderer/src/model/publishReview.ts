import { DURATION_PATTERN, parseDuration } from '../../../shared/journey/duration';
import { humanizeEvent } from '../../../shared/journey/humanize';
import { nodeOutputs } from '../../../shared/journey/outputs';
import type { DurationSpec, Journey, JourneyNode, Settings } from '../../../shared/journey/schema';
import { templateOf } from '../../../shared/journey/template-of';
import {
  describeDurationSpecShort,
  describeEligibility,
  describeNode,
  describeTemplateText,
  nodeTitle,
} from './describe';
import { type JourneyChange, summarizeChanges } from './diff';

/** One email a person may get first, and when. */
export interface ReviewEmail {
  nodeId: string;
  title: string;
  subject: string;
  /** "Right away", or "After 30 min / 2 h / 12 h". */
  when: string;
  /** What has to be true on the way: "API key created has not happened", "Known setup error? no". */
  conditions: string[];
}

/** What publishing is about to do, said before it goes live. */
export interface PublishReview {
  /** Who can enter, and how often. */
  entry: string[];
  /** The first emails along the paths from the trigger, nearest first. */
  emails: ReviewEmail[];
  /** How many more emails the journey can send after these. */
  moreEmails: number;
  /** What changed since the live version; null when nothing is published yet. */
  changes: JourneyChange[] | null;
}

const FIRST_EMAILS = 4;

function reentryWords(reentry: Settings['reentry']): string {
  switch (reentry.mode) {
    case 'once':
      return 'Each person enters once.';
    case 'cooldown':
      return `A person can enter again ${describeDurationSpecShort(reentry.cooldown)} after their last entry.`;
    case 'always':
      return 'A person enters every time the event happens (after leaving).';
    default:
      return reentry satisfies never;
  }
}

/** A duration's usual length (a per-value one's default), to put the emails in order; 0 when unreadable. */
function usualMs(spec: DurationSpec): number {
  const text = typeof spec === 'string' ? spec : spec.default;
  return DURATION_PATTERN.test(text) ? parseDuration(text) : 0;
}

/** What taking `output` out of `node` adds to a person's way: time spent, and a condition. */
function stepOnTheWay(node: JourneyNode, output: string): { time?: string; ms?: number; condition?: string } {
  switch (node.type) {
    case 'delay':
      return node.config.mode === 'duration'
        ? { time: describeDurationSpecShort(node.config.duration), ms: usualMs(node.config.duration) }
        : { time: describeNode(node, { templates: {} }), ms: 12 * 3_600_000 };
    case 'wait':
      return output === 'timed_out'
        ? {
            time: describeDurationSpecShort(node.config.timeout),
            ms: usualMs(node.config.timeout),
            condition: `${humanizeEvent(node.config.event || 'the event')} has not happened`,
          }
        : { condition: `${humanizeEvent(node.config.event || 'the event')} happened` };
    case 'condition':
    case 'split':
    case 'random_split': {
      const label = nodeOutputs(node).find((candidate) => candidate.id === output)?.label ?? output;
      return { condition: `“${nodeTitle(node)}” is ${label}` };
    }
    default:
      return {};
  }
}

/**
 * The review shown before publishing: who can enter, the first emails and when, and what changed
 * since the live version (`live`, when there is one).
 * @example publishReview(draft, liveVersion).emails[0] // { title: 'Confirm the steps', when: 'Right away', … }
 */
export function publishReview(draft: Journey, live?: Journey): PublishReview {
  const triggers = draft.nodes.filter(
    (node): node is Extract<JourneyNode, { type: 'trigger' }> => node.type === 'trigger',
  );
  const entry = triggers.flatMap((trigger) => {
    const only = describeEligibility(trigger);
    return [`${describeNode(trigger, draft)}.`, ...(only ? [`${only}.`] : [])];
  });
  entry.push(reentryWords(draft.settings.reentry));

  // Breadth first from the triggers, each email by the first way found to it; soonest first.
  const byId = new Map(draft.nodes.map((node) => [node.id, node] as const));
  const queue = triggers.map((trigger) => ({
    nodeId: trigger.id,
    times: [] as string[],
    ms: 0,
    conditions: [] as string[],
  }));
  const visited = new Set<string>(triggers.map((trigger) => trigger.id));
  const emails: (ReviewEmail & { ms: number })[] = [];
  for (let index = 0; index < queue.length; index++) {
    const { nodeId, times, ms, conditions } = queue[index] as (typeof queue)[number];
    const node = byId.get(nodeId);
    if (!node) continue;
    if (node.type === 'email') {
      const subject = templateOf(draft, node.config.template)?.subject ?? '';
      emails.push({
        nodeId,
        title: nodeTitle(node),
        subject: describeTemplateText(subject),
        when: times.length === 0 ? 'Right away' : `After ${times.join(', then ')}`,
        conditions,
        ms,
      });
    }
    for (const edge of draft.edges) {
      if (edge.from !== nodeId || visited.has(edge.to)) continue;
      visited.add(edge.to);
      const step = stepOnTheWay(node, edge.output);
      queue.push({
        nodeId: edge.to,
        times: step.time ? [...times, step.time] : times,
        ms: ms + (step.ms ?? 0),
        conditions: step.condition ? [...conditions, step.condition] : conditions,
      });
    }
  }
  return {
    entry,
    emails: emails
      .sort((a, b) => a.ms - b.ms)
      .slice(0, FIRST_EMAILS)
      .map(({ ms: _ms, ...email }) => email),
    moreEmails: Math.max(0, emails.length - FIRST_EMAILS),
    changes: live ? summarizeChanges(live, draft).filter((change) => change.area !== 'scenario') : null,
  };
}
