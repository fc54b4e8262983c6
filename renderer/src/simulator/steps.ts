import type { NodeType } from '../../../shared/journey/schema';
import type { PathStep } from '../model/scenario-run';
import type { TimelineLine } from '../model/scenario-timeline';

/**
 * What one step of a simulated path was, read from the interpreter's decision in words: the
 * decision list draws each kind its own way, and the scrubber jumps between the decisions.
 */
export type StepKind =
  /** Entered the journey. */
  | 'enter'
  | 'email'
  /** Something did not happen: an email not sent, an entry refused, a webhook not called. */
  | 'skip'
  /** Started waiting (a delay, a wait for an event, quiet hours, a send held by a pause). */
  | 'waiting'
  /** A wait ended: the event came, the time ran out, the delay is over. */
  | 'waited'
  /** A condition or split chose a path. */
  | 'branch'
  | 'action'
  | 'exit';

const SKIPPED = /^(Skipped|Not sent|Did not enter|Webhook not called|Ignored)\b/;
const EXITED = /^(Left the journey|Reached an exit|Reached the end|Stopped)\b/;

/**
 * @example stepKind({ message: 'Waited 2 hours for API key created: not seen → timed out.', ... }, 'wait') // 'waited'
 */
export function stepKind(step: Pick<PathStep, 'message'>, nodeType: NodeType | undefined): StepKind {
  const { message } = step;
  if (SKIPPED.test(message)) return 'skip';
  if (EXITED.test(message)) return 'exit';
  if (/^Waiting\b|^Quiet hours\b|^(Email|Webhook) held\b/.test(message)) return 'waiting';
  switch (nodeType) {
    case 'trigger':
      return 'enter';
    case 'email':
      return 'email';
    case 'wait':
    case 'delay':
      return 'waited';
    case 'condition':
    case 'split':
    case 'random_split':
      return 'branch';
    case 'exit':
      return 'exit';
    case 'webhook':
    case 'track':
    case undefined:
      return 'action';
    default:
      return nodeType satisfies never;
  }
}

/** The kinds the "next decision" button stops at: where the path chose, stopped or ended. */
export function isDecision(kind: StepKind): boolean {
  return kind === 'enter' || kind === 'waited' || kind === 'branch' || kind === 'skip' || kind === 'exit';
}

/** One row of the simulator's list: a step of the path, or one of the user's own events. */
export type Entry =
  | { kind: 'step'; index: number; at: number; step: PathStep; stepKind: StepKind }
  | { kind: 'event'; at: number; line: number; event: string; properties: Record<string, string> };

/**
 * The path and the user's events in one time order. An event comes before the steps at the same
 * time: the interpreter applies events first, and the steps are what the event caused.
 * @example timelineEntries(result.path, kinds, parseTimeline(text).lines, result.start)
 */
export function timelineEntries(
  path: readonly PathStep[],
  kinds: readonly StepKind[],
  lines: readonly TimelineLine[],
  start: number,
): Entry[] {
  const events: Entry[] = lines
    .filter((line) => line.event !== 'identify')
    .map((line) => ({
      kind: 'event' as const,
      at: start + line.offsetMs,
      line: line.line,
      event: line.event,
      properties: line.properties,
    }))
    .sort((a, b) => a.at - b.at);
  const entries: Entry[] = [];
  let e = 0;
  path.forEach((step, index) => {
    while (e < events.length && (events[e] as Entry).at <= step.at) entries.push(events[e++] as Entry);
    entries.push({ kind: 'step', index, at: step.at, step, stepKind: kinds[index] ?? 'action' });
  });
  while (e < events.length) entries.push(events[e++] as Entry);
  return entries;
}
