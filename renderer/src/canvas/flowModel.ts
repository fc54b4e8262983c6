import { MarkerType, Position } from '@xyflow/react';
import type { Journey, JourneyNode, Template } from '../../../shared/journey/schema';
import { type CardContent, cardContent } from '../model/cards';
import type { Point } from '../model/edit';
import type { EdgeRoute } from '../model/layout';
import type { CardNode, JourneyEdge, NodeSim } from './flowTypes';

/**
 * The React Flow picture of a draft, rebuilt on every change but reusing every node and edge
 * object whose inputs did not change: React Flow then skips them, which keeps a 500-node
 * journey responsive while one card is dragged.
 */

interface NodeEntry {
  node: JourneyNode;
  template: Template | undefined;
  content: CardContent;
  selected: boolean;
  errors: number;
  warnings: number;
  sim: NodeSim | undefined;
  /** The free outputs, joined: compared as one string. */
  free: string;
  flow: CardNode;
}

export type NodeCache = Map<string, NodeEntry>;

/** Same words on the card: everything but the position is the same object. */
function sameContent(a: JourneyNode, b: JourneyNode): boolean {
  return a.id === b.id && a.type === b.type && a.title === b.title && a.config === b.config;
}

/** A handle's hit area (its dot is drawn smaller inside it): big enough to grab, 16 px or more. */
const HANDLE = 18;

/**
 * Where a card's handles are, known from its size: React Flow then need not draw every card once
 * just to measure them, so a large journey's first render draws only the cards in view. (Drawn
 * cards are measured as usual and their handles corrected.)
 */
function handlesOf(node: JourneyNode, content: CardContent): NonNullable<CardNode['handles']> {
  const { width, height } = content.size;
  const handles: NonNullable<CardNode['handles']> = [];
  if (node.type !== 'trigger') {
    handles.push({
      type: 'target',
      position: Position.Top,
      x: width / 2 - HANDLE / 2,
      y: -HANDLE / 2,
      width: HANDLE,
      height: HANDLE,
    });
  }
  const share = width / Math.max(1, content.outputs.length);
  content.outputs.forEach((output, index) => {
    handles.push({
      id: output.id,
      type: 'source',
      position: Position.Bottom,
      x: share * (index + 0.5) - HANDLE / 2,
      y: height - HANDLE / 2,
      width: HANDLE,
      height: HANDLE,
    });
  });
  return handles;
}

/** The path a simulation lights: marked nodes and the edges taken. Null when nothing is simulated. */
export interface SimLight {
  nodes: ReadonlyMap<string, { state: 'current' | 'visited'; label: string }>;
  edges: ReadonlySet<string>;
}

const UNVISITED: NodeSim = { state: 'unvisited' };

function simOf(light: SimLight | null, nodeId: string): NodeSim | undefined {
  if (!light) return undefined;
  return light.nodes.get(nodeId) ?? UNVISITED;
}

const sameSim = (a: NodeSim | undefined, b: NodeSim | undefined) => a?.state === b?.state && a?.label === b?.label;

export function buildFlowNodes(
  journey: Journey,
  selected: ReadonlySet<string>,
  problems: ReadonlyMap<string, { errors: number; warnings: number }>,
  cache: NodeCache,
  light: SimLight | null = null,
): CardNode[] {
  const seen = new Set<string>();
  const connected = new Set(journey.edges.map((edge) => `${edge.from}\u0000${edge.output}`));
  const nodes = journey.nodes.map((node) => {
    seen.add(node.id);
    const template = node.type === 'email' ? journey.templates[node.config.template] : undefined;
    const isSelected = selected.has(node.id);
    const counts = problems.get(node.id);
    const errors = counts?.errors ?? 0;
    const warnings = counts?.warnings ?? 0;
    const sim = simOf(light, node.id);
    const entry = cache.get(node.id);
    const content =
      entry && entry.template === template && sameContent(entry.node, node)
        ? entry.content
        : cardContent(node, journey);
    const freeOutputs = content.outputs
      .filter((output) => !connected.has(`${node.id}\u0000${output.id}`))
      .map((output) => output.id);
    const free = freeOutputs.join('\u0000');
    if (
      entry &&
      entry.node === node &&
      entry.template === template &&
      entry.selected === isSelected &&
      entry.errors === errors &&
      entry.warnings === warnings &&
      entry.free === free &&
      sameSim(entry.sim, sim)
    ) {
      return entry.flow;
    }
    const flow = {
      id: node.id,
      type: node.type,
      position: node.position,
      width: content.size.width,
      height: content.size.height,
      handles: handlesOf(node, content),
      selected: isSelected,
      data: { node, content, errors, warnings, free: freeOutputs, ...(sim ? { sim } : {}) },
    } as CardNode;
    cache.set(node.id, { node, template, content, selected: isSelected, errors, warnings, sim, free, flow });
    return flow;
  });
  for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
  return nodes;
}

interface EdgeEntry {
  edge: Journey['edges'][number];
  selected: boolean;
  hovered: boolean;
  route: EdgeRoute | undefined;
  sim: 'taken' | 'untaken' | undefined;
  count: number | undefined;
  flow: JourneyEdge;
}

export type EdgeCache = Map<string, EdgeEntry>;

const MARKER = { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#94a3b8' } as const;
const SELECTED_MARKER = { ...MARKER, color: '#4f46e5' } as const;
const TAKEN_MARKER = { ...MARKER, color: '#4f46e5' } as const;
const UNTAKEN_MARKER = { ...MARKER, color: '#d5dae1' } as const;

/** Lanes from the last auto-layout, for edges whose two cards have not moved since. */
export interface RouteSource {
  routes: Record<string, EdgeRoute>;
  positions: Record<string, Point>;
}

export function buildFlowEdges(
  journey: Journey,
  selected: ReadonlySet<string>,
  routeSource: RouteSource | null,
  hoveredEdge: string | null,
  cache: EdgeCache,
  light: SimLight | null = null,
  /** How often a backtest took each edge, while one is shown. */
  counts: ReadonlyMap<string, number> | null = null,
): JourneyEdge[] {
  const positions = new Map(journey.nodes.map((node) => [node.id, node.position] as const));
  const unmoved = (id: string) => {
    const now = positions.get(id);
    const then = routeSource?.positions[id];
    return !!now && !!then && now.x === then.x && now.y === then.y;
  };
  const seen = new Set<string>();
  const edges = journey.edges.map((edge) => {
    seen.add(edge.id);
    const isSelected = selected.has(edge.id);
    const hovered = edge.id === hoveredEdge;
    const candidate = routeSource?.routes[edge.id];
    const route = candidate && unmoved(edge.from) && unmoved(edge.to) ? candidate : undefined;
    const sim = light ? (light.edges.has(edge.id) ? 'taken' : 'untaken') : undefined;
    const count = counts?.get(edge.id);
    const entry = cache.get(edge.id);
    if (
      entry &&
      entry.edge === edge &&
      entry.selected === isSelected &&
      entry.hovered === hovered &&
      entry.route === route &&
      entry.sim === sim &&
      entry.count === count
    )
      return entry.flow;
    const flow: JourneyEdge = {
      id: edge.id,
      source: edge.from,
      sourceHandle: edge.output,
      target: edge.to,
      type: 'routed',
      selected: isSelected,
      data: {
        ...(route ? { route } : {}),
        ...(hovered ? { showInsert: true } : {}),
        ...(sim ? { sim } : {}),
        ...(count !== undefined ? { count } : {}),
      },
      markerEnd: isSelected ? SELECTED_MARKER : sim === 'taken' ? TAKEN_MARKER : sim ? UNTAKEN_MARKER : MARKER,
      // A taken edge is drawn above the others, so the path reads unbroken where edges cross.
      ...(sim === 'taken' ? { zIndex: 1 } : {}),
    };
    cache.set(edge.id, { edge, selected: isSelected, hovered, route, sim, count, flow });
    return flow;
  });
  for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
  return edges;
}
