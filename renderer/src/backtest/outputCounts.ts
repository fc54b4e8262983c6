import type { BacktestCounts } from '../../../shared/api/backtest';
import type { Journey } from '../../../shared/journey/schema';

const cache = new WeakMap<BacktestCounts, WeakMap<Journey['edges'], Map<string, number>>>();

/**
 * How often a backtest took each output of each node (`nodeId\0output`), for the output labels on
 * the cards. Built once per backtest result and edge list.
 * @example outputCounts(counts, journey.edges).get('wait_api_key\u0000timed_out') // 228
 */
export function outputCounts(counts: BacktestCounts, edges: Journey['edges']): Map<string, number> {
  let byEdges = cache.get(counts);
  if (!byEdges) {
    byEdges = new WeakMap();
    cache.set(counts, byEdges);
  }
  let map = byEdges.get(edges);
  if (!map) {
    const taken = new Map(counts.edges.map((e) => [e.edgeId, e.count]));
    map = new Map(edges.map((e) => [`${e.from}\u0000${e.output}`, taken.get(e.id) ?? 0]));
    byEdges.set(edges, map);
  }
  return map;
}
