import type { BacktestCounts } from '../../../shared/api/backtest';
import type { Journey } from '../../../shared/journey/schema';

/** How one node's count differs between the draft and its live version over the same period. */
export interface NodeDifference {
  nodeId: string;
  /** What the count is of: emails sent, webhooks called, exits, entries. */
  what: 'email' | 'webhook' | 'exit' | 'enter';
  draft: number;
  live: number;
  /** e.g. "This draft sends 23% fewer “API key guidance” emails (120 → 92)." */
  words: string;
}

const VERBS = {
  email: ['sends', 'emails'],
  webhook: ['calls', 'webhook calls'],
  exit: ['ends', 'runs'],
  enter: ['lets in', 'people'],
} as const;

/**
 * The draft against its live version, node by node, in numbers and in words; nodes whose counts
 * are the same are left out. A node only the draft has is compared with zero.
 * @example compareBacktests(journey, draft, live)[0].words // 'This draft sends 23% fewer “API key guidance” emails (120 → 92).'
 */
export function compareBacktests(journey: Journey, draft: BacktestCounts, live: BacktestCounts): NodeDifference[] {
  const count = (counts: BacktestCounts, nodeId: string, type: string) =>
    counts.by_node.find((c) => c.nodeId === nodeId && c.type === type)?.count ?? 0;
  const titles = new Map(journey.nodes.map((n) => [n.id, n.title ?? n.id]));
  const keys = new Map<string, { nodeId: string; what: NodeDifference['what'] }>();
  for (const c of [...draft.by_node, ...live.by_node]) {
    if (c.type === 'email' || c.type === 'webhook' || c.type === 'exit' || c.type === 'enter') {
      keys.set(`${c.nodeId}\u0000${c.type}`, { nodeId: c.nodeId, what: c.type });
    }
  }
  const differences: NodeDifference[] = [];
  for (const { nodeId, what } of keys.values()) {
    const a = count(draft, nodeId, what);
    const b = count(live, nodeId, what);
    if (a === b) continue;
    differences.push({ nodeId, what, draft: a, live: b, words: sentence(titles.get(nodeId) ?? nodeId, what, a, b) });
  }
  return differences.sort((x, y) => Math.abs(y.draft - y.live) - Math.abs(x.draft - x.live));
}

function sentence(title: string, what: NodeDifference['what'], draft: number, live: number): string {
  const [verb, noun] = VERBS[what];
  const numbers = `(${live.toLocaleString('en-US')} → ${draft.toLocaleString('en-US')})`;
  const label =
    what === 'exit' ? `${noun} at “${title}”` : what === 'enter' ? `${noun} at “${title}”` : `“${title}” ${noun}`;
  if (live === 0)
    return `This draft ${verb} ${draft.toLocaleString('en-US')} ${label} where the live version ${verb} none.`;
  const percent = Math.round((Math.abs(draft - live) / live) * 100);
  return `This draft ${verb} ${percent}% ${draft < live ? 'fewer' : 'more'} ${label} ${numbers}.`;
}
