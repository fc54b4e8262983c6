import { humanizeEvent } from '../../../shared/journey/humanize';
import type { Journey } from '../../../shared/journey/schema';
import type { ScenarioResult } from '../model/scenario-run';
import { formatOffset } from '../model/scenario-timeline';

/** How a simulated user's time in the journey ended, in a few words. */
export interface Ending {
  kind: 'left' | 'waiting' | 'never_entered';
  /** When, relative to the start; null when they never entered. */
  at: string | null;
  /** Why they left ("Setup abandoned"), where they wait (a step's title), or why they never entered. */
  text: string;
}

/**
 * @example describeEnding(journey, result) // { kind: 'left', at: '+3d2h05m', text: 'Setup abandoned' }
 */
export function describeEnding(journey: Pick<Journey, 'nodes'>, result: ScenarioResult): Ending {
  const last = result.path[result.path.length - 1];
  if (!last || !result.outcomes.some((o) => o.type === 'enter')) {
    const refusal = result.decisions.find((d) => d.message.startsWith('Did not enter'));
    return {
      kind: 'never_entered',
      at: null,
      text: refusal?.message ?? 'Never entered: nothing in the timeline starts this journey.',
    };
  }
  const at = formatOffset(last.at - result.start);
  const exits = result.outcomes.filter((o) => o.type === 'exit');
  const exit = exits[exits.length - 1];
  if (exit && exit.at >= last.at) {
    return { kind: 'left', at: formatOffset(exit.at - result.start), text: humanizeEvent(exit.reason ?? '') };
  }
  const node = journey.nodes.find((candidate) => candidate.id === last.nodeId);
  return { kind: 'waiting', at, text: node?.title ?? last.nodeId };
}
