import type { Edge, Journey, JourneyNode } from '../journey/schema';

/** A journey version with the look-ups the interpreter needs, built once per version. */
export interface CompiledJourney {
  journey: Journey;
  version: number;
  /** False while the journey is paused or a draft: no new entries, runs in flight still finish. */
  accepting: boolean;
  nodes: Map<string, JourneyNode>;
  /** `${from}\u0000${output}` → target node id. */
  next: Map<string, string>;
  triggers: Extract<JourneyNode, { type: 'trigger' }>[];
  /** Every event name the journey reacts to (triggers, waits, exit rules): lets the engine skip others fast. */
  events: Set<string>;
}

const cache = new WeakMap<Journey, Map<number, CompiledJourney>>();

/**
 * Indexes a journey for the interpreter. Memoized per journey object and version.
 * @example compileJourney(journey, 1).next.get('start\u0000next') // 'confirm'
 */
export function compileJourney(journey: Journey, version = 1, accepting = true): CompiledJourney {
  let byVersion = cache.get(journey);
  const hit = byVersion?.get(version);
  if (hit && hit.accepting === accepting) return hit;
  const nodes = new Map(journey.nodes.map((n) => [n.id, n]));
  const next = new Map<string, string>();
  for (const edge of journey.edges as Edge[]) next.set(edgeKey(edge.from, edge.output), edge.to);
  const triggers = journey.nodes.filter((n): n is Extract<JourneyNode, { type: 'trigger' }> => n.type === 'trigger');
  const events = new Set<string>();
  for (const node of journey.nodes) {
    if (node.type === 'trigger' || node.type === 'wait') events.add(node.config.event);
  }
  for (const rule of journey.exitRules) events.add(rule.event);
  const compiled: CompiledJourney = { journey, version, accepting, nodes, next, triggers, events };
  if (!byVersion) {
    byVersion = new Map();
    cache.set(journey, byVersion);
  }
  byVersion.set(version, compiled);
  return compiled;
}

export function edgeKey(from: string, output: string): string {
  return `${from}\u0000${output}`;
}
