import { describeDuration } from '../../../shared/journey/duration';
import { humanizeEvent, humanizeName } from '../../../shared/journey/humanize';
import { exhaustive, nodeOutputs } from '../../../shared/journey/outputs';
import type {
  Condition,
  ConditionGroup,
  DurationSpec,
  EventWindow,
  Journey,
  JourneyNode,
  NodeOf,
  NodeType,
  PropertyFilter,
  ScalarValue,
} from '../../../shared/journey/schema';
import { templateOf } from '../../../shared/journey/template-of';

/**
 * Plain-English descriptions of journey parts, written for a marketer reading a canvas card
 * ("Wait up to 2 hours for API key created"), for the inspector and the version diff. Built on
 * shared/journey/humanize.ts, the words the interpreter also explains its decisions with.
 * Pure functions of the journey data: no locale, no clock.
 */

/** The card title of each node type, used when a node has no title of its own. */
const TYPE_LABELS: Record<NodeType, string> = {
  trigger: 'Trigger',
  delay: 'Delay',
  wait: 'Wait for event',
  condition: 'Condition',
  split: 'Split',
  random_split: 'Random split',
  email: 'Email',
  webhook: 'Webhook',
  track: 'Track',
  exit: 'Exit',
};

/**
 * The readable name of a value reference: `user.role` → "role", `trigger.integration_type` →
 * "integration type", `vars.category` → "category".
 * @example describeValueRef('user.role') // "role"
 */
export function describeValueRef(ref: string): string {
  const dot = ref.indexOf('.');
  return humanizeName(dot >= 0 ? ref.slice(dot + 1) : ref);
}

/**
 * A duration, or a duration chosen by a value, in words.
 * @example describeDurationSpec('2h') // "2 hours"
 * @example describeDurationSpec({ by: 'vars.category', values: { oauth: '30m', api: '2h' }, default: '2h' })
 * // "30 minutes (oauth) / 2 hours (api)"
 */
export function describeDurationSpec(spec: DurationSpec): string {
  if (typeof spec === 'string') return describeDuration(spec);
  const entries = Object.entries(spec.values);
  const parts = entries.map(([value, duration]) => `${describeDuration(duration)} (${value})`);
  // The fallback only earns a mention when it differs from every listed duration.
  const defaultIsListed = entries.some(([, duration]) => duration === spec.default);
  if (!defaultIsListed || entries.length === 0) {
    parts.push(`${describeDuration(spec.default)}${entries.length > 0 ? ' (otherwise)' : ''}`);
  }
  return parts.join(' / ');
}

/**
 * A fixed value as it reads in a sentence; lists read "a, b or c".
 * @example describeValue(['founder', 'engineer']) // "founder or engineer"
 */
export function describeValue(value: ScalarValue | ScalarValue[] | undefined, joiner = 'or'): string {
  if (value === undefined || value === null) return 'empty';
  if (Array.isArray(value)) {
    const words = value.map((item) => describeValue(item));
    if (words.length <= 1) return words[0] ?? 'nothing';
    return `${words.slice(0, -1).join(', ')} ${joiner} ${words[words.length - 1]}`;
  }
  return String(value);
}

type ComparisonOp = PropertyFilter['op'];

/**
 * How each comparison reads before its value, in the order the inspector offers them. The
 * inspector's choices and the cards' sentences both use these words, so they always agree.
 */
export const COMPARISON_WORDS: Readonly<Record<ComparisonOp, string>> = {
  equals: 'is',
  not_equals: 'is not',
  in: 'is one of',
  not_in: 'is none of',
  exists: 'is set',
  not_exists: 'is not set',
  contains: 'contains',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
};

/**
 * A comparison and its value; exists / not exists take no value.
 * @example describeComparison('in', ['pro', 'team']) // "is one of pro or team"
 */
function describeComparison(op: ComparisonOp, value: ScalarValue | ScalarValue[] | undefined): string {
  if (op === 'exists' || op === 'not_exists') return COMPARISON_WORDS[op];
  return `${COMPARISON_WORDS[op]} ${describeValue(value)}`;
}

/**
 * One property filter of an event.
 * @example describeFilter({ property: 'error_code', op: 'equals', sameAs: 'trigger.error_code' })
 * // "error code is the same as the trigger's error code"
 */
export function describeFilter(filter: PropertyFilter): string {
  const property = humanizeName(filter.property);
  if (filter.sameAs) {
    const negated = filter.op === 'not_equals' || filter.op === 'not_in';
    return `${property} is ${negated ? 'not ' : ''}the same as ${describeRefOwner(filter.sameAs)}`;
  }
  return `${property} ${describeComparison(filter.op, filter.value)}`;
}

/** `trigger.error_code` → "the trigger's error code"; `user.role` → "the user's role". */
function describeRefOwner(ref: string): string {
  const owner = ref.slice(0, ref.indexOf('.'));
  const name = describeValueRef(ref);
  switch (owner) {
    case 'user':
      return `the user's ${name}`;
    case 'trigger':
      return `the trigger's ${name}`;
    case 'event':
      return `this event's ${name}`;
    default:
      return name;
  }
}

/** " with integration type is stripe and environment is production", or "" with no filters. */
function describeFilters(filters: readonly PropertyFilter[]): string {
  if (filters.length === 0) return '';
  return ` where ${filters.map(describeFilter).join(' and ')}`;
}

/**
 * The time window of an event condition, with a leading space, or "" for "ever".
 * @example describeWindow({ anchor: 'now', within: '12h' }) // " in the last 12 hours"
 */
export function describeWindow(window: EventWindow): string {
  const within = window.within ? describeDuration(window.within) : undefined;
  switch (window.anchor) {
    case 'ever':
      return '';
    case 'now':
      return within ? ` in the last ${within}` : '';
    case 'entry':
      return within ? ` within ${within} of entering` : ' since entering';
    case 'trigger':
      return within ? ` within ${within} of the trigger` : ' since the trigger';
    case 'trait': {
      const trait = describeDateTrait(window.trait ?? 'a date');
      return within ? ` within ${within} of ${trait}` : ` since ${trait}`;
    }
    default:
      return exhaustive(window.anchor);
  }
}

/** Traits that hold the sign-up time, whatever a product calls them. */
const SIGN_UP_TRAITS = new Set(['createdat', 'created_at', 'signedupat', 'signed_up_at', 'signupat', 'signup_at']);

/** The moment a date trait marks: `createdAt` → "sign-up", `trialEndsAt` → "trial ends at". */
function describeDateTrait(trait: string): string {
  return SIGN_UP_TRAITS.has(trait.toLowerCase()) ? 'sign-up' : humanizeName(trait);
}

/**
 * One rule of a condition, as a clause.
 * @example describeCondition({ kind: 'trait', trait: 'role', op: 'equals', value: 'founder' }) // "role is founder"
 */
export function describeCondition(condition: Condition): string {
  switch (condition.kind) {
    case 'trait':
      return `${humanizeName(condition.trait)} ${describeComparison(condition.op, condition.value)}`;
    case 'value':
      return `${describeValueRef(condition.ref)} ${describeComparison(condition.op, condition.value)}`;
    case 'event': {
      const verb = condition.happened ? 'happened' : 'has not happened';
      return `${humanizeEvent(condition.event)}${describeFilters(condition.filters)} ${verb}${describeWindow(condition.window)}`;
    }
    case 'event_count': {
      const times = condition.atLeast === 1 ? 'at least once' : `${condition.atLeast}+ times`;
      const same = condition.sameProperty ? ` with the same ${humanizeName(condition.sameProperty)}` : '';
      return `${humanizeEvent(condition.event)}${describeFilters(condition.filters)} happened ${times}${same}${describeWindow(condition.window)}`;
    }
    default:
      return exhaustive(condition);
  }
}

/**
 * A group of rules joined by "and" / "or"; "always" when the group is empty.
 * @example describeConditionGroup({ match: 'any', rules: [roleIsFounder, planIsPro] }) // "role is founder or plan is pro"
 */
export function describeConditionGroup(group: ConditionGroup): string {
  if (group.rules.length === 0) return 'always';
  return group.rules.map(describeCondition).join(group.match === 'all' ? ' and ' : ' or ');
}

/**
 * Who may enter through a trigger, or undefined when everyone may.
 * @example describeEligibility(trigger) // "Only if Integration connected has not happened"
 */
export function describeEligibility(node: NodeOf<'trigger'>): string | undefined {
  const { eligibility } = node.config;
  return eligibility.rules.length > 0 ? `Only if ${describeConditionGroup(eligibility)}` : undefined;
}

/**
 * Template text with its Liquid placeholders shown as the value they stand for, for reading
 * on a card (rendering with real values is the template code's job).
 * @example describeTemplateText('Finish your {{ trigger.integration_type | default: "integration" }} setup')
 * // "Finish your [integration type] setup"
 */
export function describeTemplateText(text: string): string {
  return text
    .replace(/\{%-?[\s\S]*?-?%\}/g, '')
    .replace(
      /\{\{-?\s*([^|}]*?)\s*(\|[^}]*)?-?\}\}/g,
      (_, expression: string) => `[${describeValueRef(expression.trim())}]`,
    )
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** The default card title of a node type. @example nodeTypeLabel('random_split') // "Random split" */
export function nodeTypeLabel(type: NodeType): string {
  return TYPE_LABELS[type];
}

/** A node's card title: its own title, or the label of its type. */
export function nodeTitle(node: JourneyNode): string {
  return node.title?.trim() || nodeTypeLabel(node.type);
}

const WEEKDAY_NAMES = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/**
 * A one-line summary of what a node does, for its canvas card and for decision explanations.
 * `journey` supplies what the node refers to (e.g. an email's template subject).
 * @example describeNode(waitNode, journey) // "Wait up to 2 hours for API key created"
 * @example describeNode(emailNode, journey) // "Send email: Finish connecting your data source in 5 minutes"
 */
export function describeNode(node: JourneyNode, journey: Pick<Journey, 'templates'>): string {
  switch (node.type) {
    case 'trigger':
      return `When ${humanizeEvent(node.config.event)}${describeFilters(node.config.filters)}`;
    case 'delay': {
      const config = node.config;
      if (config.mode === 'duration') return `Wait ${describeDurationSpec(config.duration)}`;
      const days =
        config.days && config.days.length > 0 ? ` on ${config.days.map((d) => WEEKDAY_NAMES[d]).join(', ')}` : '';
      return `Wait until ${config.time}${days}`;
    }
    case 'wait': {
      const { event, filters, timeout } = node.config;
      return `Wait up to ${describeDurationSpec(timeout)} for ${humanizeEvent(event)}${describeFilters(filters)}`;
    }
    case 'condition':
      return `If ${describeConditionGroup(node.config)}`;
    case 'split': {
      const labels = nodeOutputs(node).map((output) => output.label);
      return `Split by ${describeValueRef(node.config.value)}: ${labels.join(' / ')}`;
    }
    case 'random_split':
      return `Random split: ${node.config.branches.map((b) => `${humanizeName(b.output)} ${b.percent}%`).join(' / ')}`;
    case 'email': {
      const template = templateOf(journey, node.config.template);
      return template
        ? `Send email: ${describeTemplateText(template.subject)}`
        : `Send email: template "${node.config.template}" is missing`;
    }
    case 'webhook':
      return `Call webhook ${node.config.url}`;
    case 'track': {
      const config = node.config;
      if (config.action === 'event') return `Record event: ${humanizeEvent(config.event)}`;
      return `Set ${humanizeName(config.trait)} to ${config.value}`;
    }
    case 'exit':
      return node.config.reason ? `Exit: ${humanizeEvent(node.config.reason)}` : 'Leave the journey';
    default:
      return exhaustive(node);
  }
}

const SHORT_UNITS: Record<string, string> = { s: 's', m: 'min', h: 'h', d: 'd', w: 'wk' };

/**
 * A duration as it fits on a card.
 * @example describeDurationShort('30m') // "30 min"
 */
export function describeDurationShort(text: string): string {
  const match = /^(\d+)(s|m|h|d|w)$/.exec(text);
  return match ? `${match[1]} ${SHORT_UNITS[match[2] ?? 's']}` : text;
}

/**
 * A duration spec as it fits on a card: a per-value spec lists its durations in order.
 * @example describeDurationSpecShort({ by: 'vars.category', values: { oauth: '30m', api: '2h' }, default: '2h' }) // "30 min / 2 h"
 */
export function describeDurationSpecShort(spec: DurationSpec): string {
  if (typeof spec === 'string') return describeDurationShort(spec);
  const durations = Object.values(spec.values);
  const listed = durations.includes(spec.default) ? durations : [...durations, spec.default];
  return listed.map(describeDurationShort).join(' / ');
}

/**
 * The summary on a canvas card: like `describeNode`, but short enough for two lines and saying
 * what is still to be chosen.
 * @example describeNodeBrief(waitNode, journey) // "Up to 30 min / 2 h / 12 h for API key created"
 */
export function describeNodeBrief(node: JourneyNode, journey: Pick<Journey, 'templates'>): string {
  switch (node.type) {
    case 'trigger':
      return node.config.event ? describeNode(node, journey) : 'Choose the event that starts this journey';
    case 'wait': {
      const { event, filters, timeout } = node.config;
      if (!event) return `Up to ${describeDurationSpecShort(timeout)} for… (choose an event)`;
      return `Up to ${describeDurationSpecShort(timeout)} for ${humanizeEvent(event)}${describeFilters(filters)}`;
    }
    case 'delay':
      return node.config.mode === 'duration'
        ? `Wait ${describeDurationSpecShort(node.config.duration)}`
        : describeNode(node, journey);
    case 'email': {
      const template = templateOf(journey, node.config.template);
      if (template && template.subject.trim() === '') return 'Send email: (no subject yet)';
      return describeNode(node, journey);
    }
    case 'track':
      if (node.config.action === 'event' && !node.config.event) return 'Record event: (choose a name)';
      return describeNode(node, journey);
    case 'condition':
      return node.config.rules.length === 0 ? 'If… (add a rule)' : describeNode(node, journey);
    default:
      return describeNode(node, journey);
  }
}
