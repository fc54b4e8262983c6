import type { PropertyFilter, ScalarValue } from './schema';

/** Everything a value reference (`user.role`, `trigger.integration_type`, ...) can be resolved against. */
export interface ValueScope {
  user: Record<string, unknown>;
  trigger: Record<string, unknown>;
  event: Record<string, unknown>;
  vars: Record<string, unknown>;
}

/**
 * Resolves `user.role`, `trigger.integration_type`, `event.error_code` or `vars.category`.
 * Nested paths (`user.company.size`) walk into objects.
 * @example resolveRef('user.role', { user: { role: 'founder' }, trigger: {}, event: {}, vars: {} }) // 'founder'
 */
export function resolveRef(ref: string, scope: ValueScope): unknown {
  const [root, ...path] = ref.split('.');
  let value: unknown = scope[root as keyof ValueScope];
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * The entry of a value table (a variable's map, a duration's values) for a value from events or
 * traits: own keys only, so `integration_type=constructor` finds nothing rather than Object's
 * constructor.
 * @example lookupValue({ stripe: 'api' }, 'stripe') // 'api'
 */
export function lookupValue<T>(table: Readonly<Record<string, T>>, value: unknown): T | undefined {
  if (value === undefined || value === null) return undefined;
  const key = String(value);
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** Loose equality: "401" equals 401, because event properties arrive as whatever the sender typed. */
function looselyEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  return String(a) === String(b);
}

function order(a: unknown, b: unknown): number | undefined {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  if (typeof a === 'string' && typeof b === 'string') {
    const ta = Date.parse(a);
    const tb = Date.parse(b);
    if (!Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return undefined;
}

/**
 * Applies one comparison operator. Missing values never satisfy a comparison except
 * `not_equals`, `not_in` and `not_exists`.
 * @example compareValues(5, 'gt', 3) // true
 */
export function compareValues(actual: unknown, op: PropertyFilter['op'], expected: unknown): boolean {
  const present = actual !== undefined && actual !== null && actual !== '';
  const list = Array.isArray(expected) ? (expected as ScalarValue[]) : [expected as ScalarValue];
  switch (op) {
    case 'exists':
      return present;
    case 'not_exists':
      return !present;
    case 'equals':
      return present && looselyEqual(actual, expected);
    case 'not_equals':
      return !looselyEqual(actual, expected);
    case 'in':
      return present && list.some((v) => looselyEqual(actual, v));
    case 'not_in':
      return !list.some((v) => looselyEqual(actual, v));
    case 'contains':
      if (Array.isArray(actual)) return actual.some((v) => looselyEqual(v, expected));
      return typeof actual === 'string' && actual.includes(String(expected ?? ''));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (!present) return false;
      const diff = order(actual, expected);
      if (diff === undefined) return false;
      return op === 'gt' ? diff > 0 : op === 'gte' ? diff >= 0 : op === 'lt' ? diff < 0 : diff <= 0;
    }
  }
}

/** True when every filter holds for the event's properties. `sameAs` compares with a resolved value. */
export function matchesFilters(
  properties: Record<string, unknown>,
  filters: readonly PropertyFilter[],
  scope: ValueScope,
): boolean {
  for (const filter of filters) {
    const expected = filter.sameAs ? resolveRef(filter.sameAs, scope) : filter.value;
    if (!compareValues(properties[filter.property], filter.op, expected)) return false;
  }
  return true;
}

/** Reads a time from a trait: ISO-8601 text or epoch milliseconds. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}
