import { humanizeName } from './humanize';
import type { Journey } from './schema';
import { lookupValue, resolveRef, type ValueScope } from './values';

/** A value a variable's map does not list: the run gets the variable's default instead. */
export interface UnmappedValue {
  variable: string;
  from: string;
  value: string;
  used: string;
}

/**
 * The journey variables of a run, computed once at entry: each `from` value looked up in its map,
 * else the default. Also returns the values a map did not list (an `integration_type` the
 * category map lacks), so the entry can say so instead of silently using the default.
 * @example resolveVariables(journey.variables, scope).vars.category // 'oauth'
 */
export function resolveVariables(
  variables: Journey['variables'],
  scope: ValueScope,
): { vars: Record<string, string>; unmapped: UnmappedValue[] } {
  const vars: Record<string, string> = {};
  const unmapped: UnmappedValue[] = [];
  for (const variable of variables) {
    const value = resolveRef(variable.from, scope);
    const present = value !== undefined && value !== null && value !== '';
    const mapped = present ? lookupValue(variable.map, value) : undefined;
    vars[variable.name] = mapped ?? variable.default;
    if (present && mapped === undefined && Object.keys(variable.map).length > 0) {
      unmapped.push({ variable: variable.name, from: variable.from, value: String(value), used: variable.default });
    }
  }
  return { vars, unmapped };
}

/**
 * An unmapped value in words, for the decision log and People.
 * @example describeUnmapped({ variable: 'category', from: 'trigger.integration_type', value: 'oauth2', used: 'api' })
 * // 'integration type "oauth2" is not in the category map, so category is "api"'
 */
export function describeUnmapped(unmapped: UnmappedValue): string {
  const what = humanizeName(unmapped.from.replace(/^(user|trigger|event|vars)\./, ''));
  return `${what} "${unmapped.value}" is not in the ${humanizeName(unmapped.variable)} map, so ${humanizeName(unmapped.variable)} is "${unmapped.used}"`;
}
