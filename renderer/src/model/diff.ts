import { humanizeEvent } from '../../../shared/journey/humanize';
import type { Edge, Journey, JourneyNode, Settings, Template } from '../../../shared/journey/schema';
import { describeNode, nodeTitle } from './describe';

/**
 * Differences between two journeys, two ways: as a reversible patch (what undo/redo records:
 * only what changed, by id) and as a list of changes in words (what a version diff shows).
 */

/** One keyed item before and after; `undefined` means absent on that side. */
export interface Change<T> {
  key: string;
  before: T | undefined;
  after: T | undefined;
}

const FIELDS = ['name', 'description', 'exitRules', 'variables', 'settings', 'scenarios'] as const;
type Field = (typeof FIELDS)[number];

/** A reversible difference between two journeys. Orders are recorded only when they changed. */
export interface JourneyPatch {
  nodes: Change<JourneyNode>[];
  edges: Change<Edge>[];
  templates: Change<Template>[];
  fields: Change<unknown>[];
  nodeOrder?: [string[], string[]];
  edgeOrder?: [string[], string[]];
  templateOrder?: [string[], string[]];
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

function keyedChanges<T>(before: Map<string, T>, after: Map<string, T>): Change<T>[] {
  const changes: Change<T>[] = [];
  for (const [key, value] of before) {
    const next = after.get(key);
    if (!same(value, next)) changes.push({ key, before: value, after: next });
  }
  for (const [key, value] of after) if (!before.has(key)) changes.push({ key, before: undefined, after: value });
  return changes;
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, index) => key === b[index]);
}

const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((item) => [item.id, item] as const));
const byKey = <T>(record: Record<string, T>) => new Map(Object.entries(record));

/**
 * The patch that turns `a` into `b`. Cheap when most nodes are shared by identity.
 * @example applyPatch(a, diffJourneys(a, b), 'forward') // deep-equals b
 */
export function diffJourneys(a: Journey, b: Journey): JourneyPatch {
  const patch: JourneyPatch = {
    nodes: a.nodes === b.nodes ? [] : keyedChanges(byId(a.nodes), byId(b.nodes)),
    edges: a.edges === b.edges ? [] : keyedChanges(byId(a.edges), byId(b.edges)),
    templates: a.templates === b.templates ? [] : keyedChanges(byKey(a.templates), byKey(b.templates)),
    fields: FIELDS.filter((field) => !same(a[field], b[field])).map((field) => ({
      key: field,
      before: a[field],
      after: b[field],
    })),
  };
  const order = (x: readonly string[], y: readonly string[]): [string[], string[]] | undefined =>
    sameOrder(x, y) ? undefined : [x.slice(), y.slice()];
  const nodeOrder = a.nodes === b.nodes ? undefined : order(ids(a.nodes), ids(b.nodes));
  const edgeOrder = a.edges === b.edges ? undefined : order(ids(a.edges), ids(b.edges));
  const templateOrder =
    a.templates === b.templates ? undefined : order(Object.keys(a.templates), Object.keys(b.templates));
  if (nodeOrder) patch.nodeOrder = nodeOrder;
  if (edgeOrder) patch.edgeOrder = edgeOrder;
  if (templateOrder) patch.templateOrder = templateOrder;
  return patch;
}

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

/** True when the patch changes nothing. */
export function isEmptyPatch(patch: JourneyPatch): boolean {
  return (
    patch.nodes.length === 0 &&
    patch.edges.length === 0 &&
    patch.templates.length === 0 &&
    patch.fields.length === 0 &&
    !patch.nodeOrder &&
    !patch.edgeOrder &&
    !patch.templateOrder
  );
}

/** Rebuilds a keyed list: replaced items in place, then the target order when one was recorded. */
function patchList<T extends { id: string }>(
  items: readonly T[],
  changes: readonly Change<T>[],
  direction: 'forward' | 'backward',
  order: [string[], string[]] | undefined,
): T[] {
  if (changes.length === 0 && !order) return items as T[];
  const target = new Map<string, T | undefined>();
  for (const change of changes) target.set(change.key, direction === 'forward' ? change.after : change.before);
  const current = new Map(items.map((item) => [item.id, item] as const));
  for (const [key, value] of target) {
    if (value === undefined) current.delete(key);
    else current.set(key, value);
  }
  if (order) {
    const wanted = direction === 'forward' ? order[1] : order[0];
    return wanted.flatMap((key) => {
      const item = current.get(key);
      return item ? [item] : [];
    });
  }
  // Without a recorded order, membership did not change: replace in place.
  return items.map((item) => current.get(item.id) ?? item);
}

function patchRecord<T>(
  record: Record<string, T>,
  changes: readonly Change<T>[],
  direction: 'forward' | 'backward',
  order: [string[], string[]] | undefined,
): Record<string, T> {
  if (changes.length === 0 && !order) return record;
  const current = new Map(Object.entries(record));
  for (const change of changes) {
    const value = direction === 'forward' ? change.after : change.before;
    if (value === undefined) current.delete(change.key);
    else current.set(change.key, value);
  }
  const keys = order ? (direction === 'forward' ? order[1] : order[0]) : [...current.keys()];
  const result: Record<string, T> = {};
  for (const key of keys) {
    const value = current.get(key);
    if (value !== undefined) result[key] = value;
  }
  return result;
}

/**
 * Applies a patch forward (redo) or backward (undo).
 * @example applyPatch(b, diffJourneys(a, b), 'backward') // deep-equals a
 */
export function applyPatch(journey: Journey, patch: JourneyPatch, direction: 'forward' | 'backward'): Journey {
  const result: Journey = {
    ...journey,
    nodes: patchList(journey.nodes, patch.nodes, direction, patch.nodeOrder),
    edges: patchList(journey.edges, patch.edges, direction, patch.edgeOrder),
    templates: patchRecord(journey.templates, patch.templates, direction, patch.templateOrder),
  };
  for (const field of patch.fields) {
    (result as Record<Field, unknown>)[field.key as Field] = direction === 'forward' ? field.after : field.before;
  }
  return result;
}

function composeChanges<T>(first: readonly Change<T>[], second: readonly Change<T>[]): Change<T>[] {
  const merged = new Map<string, Change<T>>();
  for (const change of first) merged.set(change.key, { ...change });
  for (const change of second) {
    const earlier = merged.get(change.key);
    merged.set(change.key, earlier ? { key: change.key, before: earlier.before, after: change.after } : change);
  }
  return [...merged.values()].filter((change) => !same(change.before, change.after));
}

function composeOrder(
  first: [string[], string[]] | undefined,
  second: [string[], string[]] | undefined,
): [string[], string[]] | undefined {
  if (!first) return second;
  if (!second) return first;
  return sameOrder(first[0], second[1]) ? undefined : [first[0], second[1]];
}

/**
 * One patch doing what `first` then `second` do: how keystrokes in one field become one undo step.
 */
export function composePatches(first: JourneyPatch, second: JourneyPatch): JourneyPatch {
  const patch: JourneyPatch = {
    nodes: composeChanges(first.nodes, second.nodes),
    edges: composeChanges(first.edges, second.edges),
    templates: composeChanges(first.templates, second.templates),
    fields: composeChanges(first.fields, second.fields),
  };
  const nodeOrder = composeOrder(first.nodeOrder, second.nodeOrder);
  const edgeOrder = composeOrder(first.edgeOrder, second.edgeOrder);
  const templateOrder = composeOrder(first.templateOrder, second.templateOrder);
  if (nodeOrder) patch.nodeOrder = nodeOrder;
  if (edgeOrder) patch.edgeOrder = edgeOrder;
  if (templateOrder) patch.templateOrder = templateOrder;
  return patch;
}

// ---------------------------------------------------------------------------------------------
// Changes in words, for comparing published versions.

export type ChangeArea =
  | 'journey'
  | 'step'
  | 'connection'
  | 'email'
  | 'exit rule'
  | 'variable'
  | 'setting'
  | 'scenario';

export interface JourneyChange {
  area: ChangeArea;
  action: 'added' | 'removed' | 'changed';
  /** What changed, in words: a step's title, a setting's name. */
  subject: string;
  /** Before → after, or what about it changed, when that is short enough to say. */
  detail?: string;
  nodeId?: string;
}

const SETTING_LABELS: Record<keyof Settings, string> = {
  reentry: 'Re-entry',
  frequencyCap: 'Frequency cap',
  quietHours: 'Quiet hours',
  timezone: 'Time zone',
  maxLateness: 'Maximum lateness',
  from: 'Sender',
  goal: 'Goal',
  holdoutPercent: 'Holdout',
  tracking: 'Tracking',
};

/** A settings value in a few words. */
function describeSetting(key: keyof Settings, value: unknown): string {
  if (value === undefined) return 'none';
  if (key === 'reentry') {
    const reentry = value as Settings['reentry'];
    return reentry.mode === 'cooldown' ? `again after ${reentry.cooldown}` : reentry.mode;
  }
  if (key === 'frequencyCap') {
    const cap = value as NonNullable<Settings['frequencyCap']>;
    return `${cap.max} per ${cap.per}`;
  }
  if (key === 'quietHours') {
    const quiet = value as NonNullable<Settings['quietHours']>;
    return `${quiet.start}–${quiet.end}`;
  }
  if (key === 'goal') {
    const goal = value as NonNullable<Settings['goal']>;
    return `${goal.event} within ${goal.within}`;
  }
  if (key === 'holdoutPercent') return `${String(value)}%`;
  if (key === 'tracking') {
    const tracking = value as NonNullable<Settings['tracking']>;
    return `clicks ${tracking.clicks ? 'on' : 'off'}, opens ${tracking.opens ? 'on' : 'off'}`;
  }
  return String(value);
}

/** What about a node changed: its title, id, type, settings; position alone is not a change. */
function nodeChangeDetail(before: JourneyNode, after: JourneyNode, a: Journey, b: Journey): string | undefined {
  const parts: string[] = [];
  if (before.type !== after.type) parts.push(`type ${before.type} → ${after.type}`);
  if ((before.title ?? '') !== (after.title ?? '')) parts.push(`title "${nodeTitle(before)}" → "${nodeTitle(after)}"`);
  if (!same(before.config, after.config)) {
    const was = describeNode(before, a);
    const now = describeNode(after, b);
    parts.push(was === now ? 'settings changed' : `${was} → ${now}`);
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/**
 * What changed from `a` to `b`, in words: steps, connections, emails, exit rules, variables,
 * settings and scenarios added, removed or changed. Moving a card is not a change.
 * @example summarizeChanges(v1, v2) // [{ area: 'step', action: 'added', subject: 'API key guidance', nodeId: 'credential_help' }]
 */
export function summarizeChanges(a: Journey, b: Journey): JourneyChange[] {
  const changes: JourneyChange[] = [];
  if (a.name !== b.name)
    changes.push({ area: 'journey', action: 'changed', subject: 'Name', detail: `${a.name} → ${b.name}` });
  if (a.description !== b.description) changes.push({ area: 'journey', action: 'changed', subject: 'Description' });

  const titleIn = (journey: Journey, id: string) => {
    const node = journey.nodes.find((candidate) => candidate.id === id);
    return node ? nodeTitle(node) : id;
  };
  for (const change of keyedChanges(byId(a.nodes), byId(b.nodes))) {
    const { before, after } = change;
    if (before && after) {
      const detail = nodeChangeDetail(before, after, a, b);
      if (detail)
        changes.push({ area: 'step', action: 'changed', subject: nodeTitle(after), detail, nodeId: after.id });
    } else if (after) {
      changes.push({
        area: 'step',
        action: 'added',
        subject: nodeTitle(after),
        detail: describeNode(after, b),
        nodeId: after.id,
      });
    } else if (before) {
      changes.push({ area: 'step', action: 'removed', subject: nodeTitle(before), nodeId: before.id });
    }
  }

  const edgeKey = (edge: Edge) => `${edge.from}/${edge.output}`;
  const edgesA = new Map(a.edges.map((edge) => [edgeKey(edge), edge] as const));
  const edgesB = new Map(b.edges.map((edge) => [edgeKey(edge), edge] as const));
  const label = (journey: Journey, edge: Edge) =>
    `${titleIn(journey, edge.from)} (${edge.output.replaceAll('_', ' ')}) → ${titleIn(journey, edge.to)}`;
  for (const [key, edge] of edgesB) {
    const old = edgesA.get(key);
    if (!old) changes.push({ area: 'connection', action: 'added', subject: label(b, edge) });
    else if (old.to !== edge.to)
      changes.push({
        area: 'connection',
        action: 'changed',
        subject: `${titleIn(b, edge.from)} (${edge.output.replaceAll('_', ' ')})`,
        detail: `now leads to ${titleIn(b, edge.to)} instead of ${titleIn(a, old.to)}`,
      });
  }
  for (const [key, edge] of edgesA) {
    if (!edgesB.has(key)) changes.push({ area: 'connection', action: 'removed', subject: label(a, edge) });
  }

  for (const change of keyedChanges(byKey(a.templates), byKey(b.templates))) {
    const user = b.nodes.find((node) => node.type === 'email' && node.config.template === change.key);
    const subject = user ? nodeTitle(user) : change.key;
    if (change.before && change.after) {
      const parts = (['subject', 'html', 'text'] as const).filter(
        (part) => change.before?.[part] !== change.after?.[part],
      );
      const detail =
        change.before.subject !== change.after.subject
          ? `subject "${change.before.subject}" → "${change.after.subject}"`
          : `${parts.map((part) => (part === 'html' ? 'HTML body' : part === 'text' ? 'text body' : part)).join(' and ')} changed`;
      changes.push({ area: 'email', action: 'changed', subject, detail, ...(user ? { nodeId: user.id } : {}) });
    } else {
      changes.push({
        area: 'email',
        action: change.after ? 'added' : 'removed',
        subject,
        ...(user ? { nodeId: user.id } : {}),
      });
    }
  }

  const rules = (journey: Journey) => new Map(journey.exitRules.map((rule) => [rule.event, rule] as const));
  for (const change of keyedChanges(rules(a), rules(b))) {
    changes.push({
      area: 'exit rule',
      action: change.before && change.after ? 'changed' : change.after ? 'added' : 'removed',
      subject: `Leave on ${humanizeEvent(change.key)}`,
    });
  }
  const variables = (journey: Journey) =>
    new Map(journey.variables.map((variable) => [variable.name, variable] as const));
  for (const change of keyedChanges(variables(a), variables(b))) {
    changes.push({
      area: 'variable',
      action: change.before && change.after ? 'changed' : change.after ? 'added' : 'removed',
      subject: change.key,
    });
  }
  for (const key of Object.keys(SETTING_LABELS) as (keyof Settings)[]) {
    const before = a.settings[key];
    const after = b.settings[key];
    if (same(before, after)) continue;
    const action = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
    changes.push({
      area: 'setting',
      action,
      subject: SETTING_LABELS[key],
      detail: `${describeSetting(key, before)} → ${describeSetting(key, after)}`,
    });
  }
  const scenarios = (journey: Journey) =>
    new Map(journey.scenarios.map((scenario) => [scenario.id, scenario] as const));
  for (const change of keyedChanges(scenarios(a), scenarios(b))) {
    changes.push({
      area: 'scenario',
      action: change.before && change.after ? 'changed' : change.after ? 'added' : 'removed',
      subject: change.after?.name ?? change.before?.name ?? change.key,
    });
  }
  return changes;
}
