import type { PathStep } from '../model/scenario-run';
import { formatOffset } from '../model/scenario-timeline';

/** How a visited card is drawn: where the user is now, or a place they passed through. */
export interface NodeMark {
  state: 'visited' | 'current';
  /** When the user was last there, relative to the start ("+2h05m"). */
  label: string;
}

/** What the canvas lights up for a simulated path at the scrubber's position. */
export interface PathHighlight {
  nodes: ReadonlyMap<string, NodeMark>;
  edges: ReadonlySet<string>;
  current: string | null;
}

/**
 * The nodes and edges the user has gone through when `cursor` steps have happened; the last
 * step's node is the current one. Cards and edges not in it are dimmed.
 * @example pathHighlight(result.path, 3, result.start).nodes.get('confirm') // { state: 'visited', label: '+5m' }
 */
export function pathHighlight(path: readonly PathStep[], cursor: number, start: number): PathHighlight {
  const nodes = new Map<string, NodeMark>();
  const edges = new Set<string>();
  const shown = path.slice(0, Math.max(0, cursor));
  for (const step of shown) {
    nodes.set(step.nodeId, { state: 'visited', label: formatOffset(step.at - start) });
    if (step.edgeId) edges.add(step.edgeId);
  }
  const last = shown[shown.length - 1];
  const current = last?.nodeId ?? null;
  if (last) nodes.set(last.nodeId, { state: 'current', label: formatOffset(last.at - start) });
  return { nodes, edges, current };
}

/** True when two highlights light the same things: a re-run that changed nothing redraws nothing. */
export function sameHighlight(a: PathHighlight | null, b: PathHighlight | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.current !== b.current || a.nodes.size !== b.nodes.size || a.edges.size !== b.edges.size)
    return false;
  for (const [id, mark] of a.nodes) {
    const other = b.nodes.get(id);
    if (!other || other.state !== mark.state || other.label !== mark.label) return false;
  }
  for (const id of a.edges) if (!b.edges.has(id)) return false;
  return true;
}
