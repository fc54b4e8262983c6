import type { BacktestCounts } from '../../../shared/api/backtest';
import type { NodeType } from '../../../shared/journey/schema';

/** What a card shows from a backtest: a number and what it counts. */
export interface NodeCount {
  value: number;
  noun: string;
}

/**
 * The count a card shows: emails sent at an email step, calls at a webhook, people who left at an
 * exit, entries at a trigger, and how many times people arrived anywhere else.
 * @example nodeCount(counts, 'credential_help', 'email') // { value: 92, noun: 'sent' }
 */
export function nodeCount(counts: BacktestCounts, nodeId: string, type: NodeType): NodeCount | null {
  const outcome = (kind: string) => counts.by_node.find((c) => c.nodeId === nodeId && c.type === kind)?.count ?? 0;
  switch (type) {
    case 'email':
      return { value: outcome('email'), noun: 'sent' };
    case 'webhook':
      return { value: outcome('webhook'), noun: 'called' };
    case 'exit':
      return { value: outcome('exit'), noun: 'left' };
    case 'trigger':
      return { value: outcome('enter'), noun: 'entered' };
    default: {
      const reached = counts.reached.find((r) => r.nodeId === nodeId)?.count ?? 0;
      return { value: reached, noun: 'reached' };
    }
  }
}
