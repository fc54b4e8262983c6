import dagre from '@dagrejs/dagre';

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdge {
  id: string;
  source: string;
  target: string;
  /** Position of the output this edge leaves by; siblings are placed left to right in this order. */
  order?: number;
}

export interface LayoutOptions {
  /** Vertical gap between ranks. */
  rankGap?: number;
  /** Horizontal gap between cards of one rank. */
  nodeGap?: number;
}

export type Positions = Record<string, { x: number; y: number }>;

/**
 * The way a downward edge threads between cards: it turns only at the `levels` (the middle of
 * the gaps between ranks) and runs down `columns` (the lanes the layout kept free for it in each
 * rank it crosses). `levels` has one more entry than `columns`.
 */
export interface EdgeRoute {
  levels: number[];
  columns: number[];
}

export interface Layout {
  /** Top-left corner of each node (React Flow's origin). */
  positions: Positions;
  /** Routes of the edges that go down the page; edges that loop back up have none. */
  routes: Record<string, EdgeRoute>;
}

/**
 * Lays a graph out top to bottom. Pure: the same nodes and edges give the same layout. Edges
 * naming unknown nodes are ignored; cycles are allowed (dagre breaks them for ranking).
 * @example layoutGraph([{ id: 'a', width: 100, height: 50 }, { id: 'b', width: 100, height: 50 }], [{ id: 'e', source: 'a', target: 'b' }])
 * // { positions: { a: { x: 0, y: 0 }, b: { x: 0, y: 110 } }, routes: { e: { levels: [80], columns: [] } } }
 */
export function layoutGraph(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  options: LayoutOptions = {},
): Layout {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({
    rankdir: 'TB',
    // Upper-left alignment keeps the first path (usually the happy path) in one straight column.
    align: 'UL',
    ranksep: options.rankGap ?? 60,
    nodesep: options.nodeGap ?? 36,
    marginx: 0,
    marginy: 0,
  });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: node.width, height: node.height });
  const laidOut = edges.filter((edge) => graph.hasNode(edge.source) && graph.hasNode(edge.target));
  for (const edge of laidOut) graph.setEdge(edge.source, edge.target, {}, edge.id);
  dagre.layout(graph, { constraints: siblingOrder(laidOut) });

  const positions: Positions = {};
  for (const node of nodes) {
    const placed = graph.node(node.id);
    positions[node.id] = {
      x: Math.round((placed.x ?? 0) - node.width / 2),
      y: Math.round((placed.y ?? 0) - node.height / 2),
    };
  }
  const routes: Record<string, EdgeRoute> = {};
  for (const edge of laidOut) {
    const route = routeOf(graph.edge(edge.source, edge.target, edge.id)?.points ?? []);
    if (route) routes[edge.id] = route;
  }
  return { positions, routes };
}

/**
 * Dagre gives each edge its border points with, in between, one point per half rank: the middle
 * of a gap, then a lane inside a rank, then a gap again, and so on.
 */
function routeOf(points: readonly { x: number; y: number }[]): EdgeRoute | undefined {
  const inner = points.slice(1, -1);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || last.y <= first.y || inner.length % 2 === 0) return undefined;
  return {
    levels: inner.filter((_, index) => index % 2 === 0).map((point) => Math.round(point.y)),
    columns: inner.filter((_, index) => index % 2 === 1).map((point) => Math.round(point.x)),
  };
}

/**
 * Left-to-right hints for the cards reached from one node's outputs ("happened" left of "timed out"),
 * so edges leave their handles without crossing. Dagre treats them as hints, not guarantees.
 */
function siblingOrder(edges: readonly LayoutEdge[]): { left: string; right: string }[] {
  const bySource = new Map<string, LayoutEdge[]>();
  for (const edge of edges) {
    if (edge.order !== undefined) bySource.set(edge.source, [...(bySource.get(edge.source) ?? []), edge]);
  }
  const constraints: { left: string; right: string }[] = [];
  for (const siblings of bySource.values()) {
    const targets = [...new Set(siblings.sort((a, b) => (a.order ?? 0) - (b.order ?? 0)).map((edge) => edge.target))];
    for (let i = 1; i < targets.length; i++)
      constraints.push({ left: targets[i - 1] as string, right: targets[i] as string });
  }
  return constraints;
}
