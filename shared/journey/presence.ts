import type { ConditionGroup, Journey, PropertyFilter } from './schema';

/**
 * Which values every run of a journey is sure to have, so a template may use them without a
 * fallback: the trigger properties its trigger filters require (`where integration type is
 * stripe`), and the traits and values its entry rules require when all of them must hold.
 */

type Comparison = PropertyFilter['op'];

/** Comparisons that only hold when the value is there (see compareValues). */
const REQUIRES_VALUE: ReadonlySet<Comparison> = new Set<Comparison>([
  'equals',
  'in',
  'exists',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
]);

function requiredByEligibility(group: ConditionGroup): string[] {
  // With "any", no single rule has to hold (unless it is the only one).
  if (group.match === 'any' && group.rules.length !== 1) return [];
  const refs: string[] = [];
  for (const rule of group.rules) {
    if (rule.kind === 'trait' && REQUIRES_VALUE.has(rule.op)) refs.push(`user.${rule.trait}`);
    if (rule.kind === 'value' && REQUIRES_VALUE.has(rule.op)) refs.push(rule.ref);
  }
  return refs;
}

/**
 * The value references (`trigger.integration_type`, `user.role`, …) present in every run.
 * With several triggers, only what all of them require.
 * @example guaranteedRefs(journeyWhoseTriggerFilters({ property: 'plan', op: 'exists' })) // Set { 'trigger.plan' }
 */
export function guaranteedRefs(journey: Pick<Journey, 'nodes'>): Set<string> {
  let common: Set<string> | undefined;
  for (const node of journey.nodes) {
    if (node.type !== 'trigger') continue;
    const refs = new Set<string>(requiredByEligibility(node.config.eligibility));
    for (const filter of node.config.filters) {
      if (REQUIRES_VALUE.has(filter.op)) refs.add(`trigger.${filter.property}`);
    }
    common = common ? new Set([...common].filter((ref) => refs.has(ref))) : refs;
  }
  return common ?? new Set();
}
