import { freeId } from '../../../shared/journey/ids';
import { nodeOutputs } from '../../../shared/journey/outputs';
import type { Edge, Journey, JourneyNode, NodeOf, NodeType, Template } from '../../../shared/journey/schema';

/**
 * Graph edits as data, applied by pure reducers. The canvas, the inspector, paste and undo all
 * speak this vocabulary; `applyEdit` never mutates its input and keeps every untouched node,
 * edge and template by identity (so a canvas can tell cheaply what changed).
 */

export type Point = { x: number; y: number };

/** A piece of a journey that travels on its own: copied nodes, the edges between them, their emails. */
export interface Fragment {
  nodes: JourneyNode[];
  edges: Edge[];
  templates: Record<string, Template>;
}

export type JourneyEdit =
  /** Adds nodes (with edges among them and the templates their emails use). Ids must be free. */
  | { type: 'add'; fragment: Fragment }
  /** Removes nodes (and every edge touching them, and emails no other node uses) and edges. */
  | { type: 'remove'; nodeIds: readonly string[]; edgeIds?: readonly string[] }
  | { type: 'move'; positions: Readonly<Record<string, Point>> }
  /** Connects an output to a node; an edge already leaving that output is replaced (a path goes one way). */
  | { type: 'connect'; from: string; output: string; to: string }
  /** Puts a new node in the middle of an edge: from → node → the old target. */
  | { type: 'insert_on_edge'; edgeId: string; node: JourneyNode; template?: Template }
  /** Replaces a node; a new id is carried into its edges (and into its email's template key). */
  | { type: 'update_node'; id: string; node: JourneyNode }
  | { type: 'set_template'; name: string; template: Template | null }
  /** Several edits applied in order, recorded as one step (insert and make room, add and connect). */
  | { type: 'batch'; edits: readonly JourneyEdit[] }
  | {
      type: 'update_journey';
      changes: Partial<Pick<Journey, 'name' | 'description' | 'settings' | 'exitRules' | 'variables' | 'scenarios'>>;
    };

/** The edge id the app writes: readable in a diff and unique while each output has one edge. */
export function edgeId(from: string, output: string, to: string): string {
  return `${from}-${output}-${to}`;
}

/**
 * Applies one edit. Pure: returns a new journey (or the same one when nothing changed).
 * @example applyEdit(journey, { type: 'connect', from: 'start', output: 'next', to: 'confirm' })
 */
export function applyEdit(journey: Journey, edit: JourneyEdit): Journey {
  switch (edit.type) {
    case 'add':
      return addFragment(journey, edit.fragment);
    case 'remove':
      return remove(journey, edit.nodeIds, edit.edgeIds ?? []);
    case 'move':
      return move(journey, edit.positions);
    case 'connect':
      return connect(journey, edit.from, edit.output, edit.to);
    case 'insert_on_edge':
      return insertOnEdge(journey, edit.edgeId, edit.node, edit.template);
    case 'update_node':
      return updateNode(journey, edit.id, edit.node);
    case 'set_template':
      return setTemplate(journey, edit.name, edit.template);
    case 'batch':
      return edit.edits.reduce(applyEdit, journey);
    case 'update_journey':
      return { ...journey, ...edit.changes };
    default:
      return edit satisfies never;
  }
}

function addFragment(journey: Journey, fragment: Fragment): Journey {
  const templates = Object.keys(fragment.templates).length
    ? { ...journey.templates, ...fragment.templates }
    : journey.templates;
  return {
    ...journey,
    nodes: [...journey.nodes, ...fragment.nodes],
    edges: fragment.edges.length ? [...journey.edges, ...fragment.edges] : journey.edges,
    templates,
  };
}

function remove(journey: Journey, nodeIds: readonly string[], edgeIds: readonly string[]): Journey {
  const gone = new Set(nodeIds);
  const goneEdges = new Set(edgeIds);
  if (gone.size === 0 && goneEdges.size === 0) return journey;
  const nodes = journey.nodes.filter((node) => !gone.has(node.id));
  const edges = journey.edges.filter((edge) => !goneEdges.has(edge.id) && !gone.has(edge.from) && !gone.has(edge.to));
  return { ...journey, nodes, edges, templates: withoutOrphanTemplates(journey, nodes) };
}

/** Drops the templates that only removed email nodes used; templates nobody ever used stay. */
function withoutOrphanTemplates(journey: Journey, remaining: readonly JourneyNode[]): Journey['templates'] {
  const before = new Set(emailTemplates(journey.nodes));
  const after = new Set(emailTemplates(remaining));
  const orphans = [...before].filter((name) => !after.has(name));
  if (orphans.length === 0) return journey.templates;
  const templates = { ...journey.templates };
  for (const name of orphans) delete templates[name];
  return templates;
}

function emailTemplates(nodes: readonly JourneyNode[]): string[] {
  return nodes.flatMap((node) => (node.type === 'email' ? [node.config.template] : []));
}

function move(journey: Journey, positions: Readonly<Record<string, Point>>): Journey {
  let changed = false;
  const nodes = journey.nodes.map((node) => {
    const to = Object.hasOwn(positions, node.id) ? positions[node.id] : undefined;
    if (!to || (to.x === node.position.x && to.y === node.position.y)) return node;
    changed = true;
    return { ...node, position: { x: to.x, y: to.y } };
  });
  return changed ? { ...journey, nodes } : journey;
}

function connect(journey: Journey, from: string, output: string, to: string): Journey {
  const existing = journey.edges.find((edge) => edge.from === from && edge.output === output);
  if (existing?.to === to) return journey;
  const edge: Edge = { id: uniqueEdgeId(journey, edgeId(from, output, to), existing?.id), from, output, to };
  const edges = existing
    ? journey.edges.map((candidate) => (candidate === existing ? edge : candidate))
    : [...journey.edges, edge];
  return { ...journey, edges };
}

function uniqueEdgeId(journey: Journey, wanted: string, replacing?: string): string {
  return freeId(wanted, new Set(journey.edges.map((edge) => edge.id).filter((id) => id !== replacing)));
}

function insertOnEdge(journey: Journey, id: string, node: JourneyNode, template?: Template): Journey {
  const edge = journey.edges.find((candidate) => candidate.id === id);
  if (!edge) return journey;
  const withNode = addFragment(journey, {
    nodes: [node],
    edges: [],
    templates: template && node.type === 'email' ? { [node.config.template]: template } : {},
  });
  const firstOutput = nodeOutputs(node)[0];
  const rest = withNode.edges.filter((candidate) => candidate !== edge);
  const into: Edge = { id: edgeId(edge.from, edge.output, node.id), from: edge.from, output: edge.output, to: node.id };
  const onward: Edge[] = firstOutput
    ? [{ id: edgeId(node.id, firstOutput.id, edge.to), from: node.id, output: firstOutput.id, to: edge.to }]
    : [];
  return { ...withNode, edges: [...rest, into, ...onward] };
}

function updateNode(journey: Journey, id: string, next: JourneyNode): Journey {
  const index = journey.nodes.findIndex((node) => node.id === id);
  const current = journey.nodes[index];
  if (!current) return journey;
  if (next.id === id) {
    if (current === next) return journey;
    const nodes = journey.nodes.slice();
    nodes[index] = next;
    // Outputs that no longer exist (a split case removed) take their edges with them.
    const outputs = new Set(nodeOutputs(next).map((output) => output.id));
    const edges = journey.edges.filter((edge) => edge.from !== id || outputs.has(edge.output));
    return { ...journey, nodes, edges: edges.length === journey.edges.length ? journey.edges : edges };
  }
  return renameNode(journey, index, current, next);
}

/** A node's new id follows it into edges, edge ids written by the app, and its email's template key. */
function renameNode(journey: Journey, index: number, current: JourneyNode, next: JourneyNode): Journey {
  const oldId = current.id;
  const newId = next.id;
  let renamed = next;
  let templates = journey.templates;
  if (
    current.type === 'email' &&
    renamed.type === 'email' &&
    renamed.config.template === oldId &&
    !Object.hasOwn(journey.templates, newId) &&
    journey.nodes.filter((node) => node.type === 'email' && node.config.template === oldId).length === 1
  ) {
    templates = renameKey(journey.templates, oldId, newId);
    renamed = { ...renamed, config: { ...renamed.config, template: newId } };
  }
  const nodes = journey.nodes.slice();
  nodes[index] = renamed;
  const edges = journey.edges.map((edge) => {
    if (edge.from !== oldId && edge.to !== oldId) return edge;
    const from = edge.from === oldId ? newId : edge.from;
    const to = edge.to === oldId ? newId : edge.to;
    const id = edge.id === edgeId(edge.from, edge.output, edge.to) ? edgeId(from, edge.output, to) : edge.id;
    return { ...edge, id, from, to };
  });
  return { ...journey, nodes, edges, templates };
}

function renameKey<T>(record: Record<string, T>, from: string, to: string): Record<string, T> {
  const result: Record<string, T> = {};
  for (const [key, value] of Object.entries(record)) result[key === from ? to : key] = value;
  return result;
}

function setTemplate(journey: Journey, name: string, template: Template | null): Journey {
  if (template === null) {
    if (!Object.hasOwn(journey.templates, name)) return journey;
    const templates = { ...journey.templates };
    delete templates[name];
    return { ...journey, templates };
  }
  if (journey.templates[name] === template) return journey;
  return { ...journey, templates: { ...journey.templates, [name]: template } };
}

/** New nodes are numbered after their type: `email_1`, `email_2`. */
const NODE_ID_STYLE = { separator: '_', alwaysNumber: true } as const;

/** Node ids a journey already uses or a paste is about to. */
function takenIds(journey: Journey, extra: Iterable<string> = []): Set<string> {
  return new Set([...journey.nodes.map((node) => node.id), ...extra]);
}

/** A new node's starting config: valid where the schema allows, empty where the marketer must choose. */
export function newNode(type: NodeType, id: string, position: Point): JourneyNode {
  const base = { id, position: { x: Math.round(position.x), y: Math.round(position.y) } };
  switch (type) {
    case 'trigger':
      return { ...base, type, config: { event: '', filters: [], eligibility: { match: 'all', rules: [] } } };
    case 'delay':
      return { ...base, type, config: { mode: 'duration', duration: '1d' } };
    case 'wait':
      return { ...base, type, config: { event: '', filters: [], lookback: 'entry', timeout: '2h' } };
    case 'condition':
      return { ...base, type, config: { match: 'all', rules: [] } };
    case 'split':
      return {
        ...base,
        type,
        config: { value: 'user.role', cases: [{ output: 'founder', label: 'founder', values: ['founder'] }] },
      };
    case 'random_split':
      return {
        ...base,
        type,
        config: {
          branches: [
            { output: 'a', percent: 50 },
            { output: 'b', percent: 50 },
          ],
        },
      };
    case 'email':
      return { ...base, type, config: { template: id } };
    case 'webhook':
      return { ...base, type, config: { url: 'https://', body: '{}' } };
    case 'track':
      return { ...base, type, config: { action: 'event', event: '', properties: {} } };
    case 'exit':
      return { ...base, type, config: {} };
    default:
      return type satisfies never;
  }
}

/** The template a new email node starts with. */
export const EMPTY_TEMPLATE: Template = { subject: '', html: '', text: '' };

/**
 * A new node of `type` at `position` with a free id, plus the template an email needs.
 * @example createNode(journey, 'email', { x: 0, y: 0 }) // { node: { id: 'email_1', ... }, template: {...} }
 */
export function createNode(
  journey: Journey,
  type: NodeType,
  position: Point,
  emptyTemplate: Template = EMPTY_TEMPLATE,
): { node: JourneyNode; template?: Template } {
  const taken = takenIds(journey, Object.keys(journey.templates));
  const id = freeId(type, taken, NODE_ID_STYLE);
  const node = newNode(type, id, position);
  return type === 'email' ? { node, template: emptyTemplate } : { node };
}

/**
 * What copying these nodes puts on the clipboard: the nodes, the edges among them and the
 * templates their emails use.
 */
export function copyFragment(journey: Journey, nodeIds: Iterable<string>): Fragment {
  const ids = new Set(nodeIds);
  const nodes = journey.nodes.filter((node) => ids.has(node.id));
  const edges = journey.edges.filter((edge) => ids.has(edge.from) && ids.has(edge.to));
  const templates: Record<string, Template> = {};
  for (const name of emailTemplates(nodes)) {
    const template = journey.templates[name];
    if (template) templates[name] = template;
  }
  return { nodes, edges, templates };
}

/**
 * A fragment made ready to paste into `journey`: fresh ids where they clash (`confirm` → `confirm_2`),
 * edges and email templates renamed along, and every node shifted by `offset`.
 */
export function prepareFragment(journey: Journey, fragment: Fragment, offset: Point): Fragment {
  const taken = takenIds(journey, Object.keys(journey.templates));
  const ids = new Map<string, string>();
  for (const node of fragment.nodes) {
    // email_1 pastes as email_2, confirm as confirm_2.
    const base = node.id.replace(/_\d+$/, '');
    const id = taken.has(node.id) ? freeId(base, taken, { separator: '_', alwaysNumber: base !== node.id }) : node.id;
    taken.add(id);
    ids.set(node.id, id);
  }
  const templateNames = new Map<string, string>();
  const templates: Record<string, Template> = {};
  const templateTaken = new Set(Object.keys(journey.templates));
  for (const [name, template] of Object.entries(fragment.templates)) {
    const wanted = [...ids.entries()].find(([from]) => from === name)?.[1] ?? name;
    const finalName = templateTaken.has(wanted) ? freeId(wanted, templateTaken, { separator: '_' }) : wanted;
    templateTaken.add(finalName);
    templateNames.set(name, finalName);
    templates[finalName] = template;
  }
  const nodes = fragment.nodes.map((node): JourneyNode => {
    const moved = {
      ...node,
      id: ids.get(node.id) ?? node.id,
      position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
    };
    if (moved.type === 'email') {
      const template = templateNames.get(moved.config.template) ?? moved.config.template;
      return { ...moved, config: { ...moved.config, template } } satisfies NodeOf<'email'>;
    }
    return moved;
  });
  const edges = fragment.edges.map((edge) => {
    const from = ids.get(edge.from) ?? edge.from;
    const to = ids.get(edge.to) ?? edge.to;
    return { ...edge, id: edgeId(from, edge.output, to), from, to };
  });
  return { nodes, edges, templates };
}

/** Why a node id cannot be used, or undefined when it can. */
export function nodeIdProblem(journey: Journey, currentId: string, wanted: string): string | undefined {
  if (wanted === '') return 'An id is needed.';
  if (!/^[A-Za-z0-9_-]+$/.test(wanted)) return 'Use letters, digits, - and _ only.';
  if (wanted !== currentId && journey.nodes.some((node) => node.id === wanted))
    return `Another step is already called "${wanted}".`;
  return undefined;
}
