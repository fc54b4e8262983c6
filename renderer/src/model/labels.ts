import { humanizeName } from '../../../shared/journey/humanize';
import type { Journey } from '../../../shared/journey/schema';

type Variable = Journey['variables'][number];

/**
 * How a value reads in an email: "Stripe", not "stripe"; "custom API", not "custom_api". One word
 * is a name and starts with a capital; several words read as a phrase, keeping acronyms.
 * @example displayName('custom_api') // "custom API"
 * @example displayName('stripe') // "Stripe"
 */
export function displayName(value: string): string {
  const words = humanizeName(value);
  if (/\s/.test(words) || words !== words.toLowerCase()) return words;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `integration_type` → `integration`: the thing a property's values name. */
function stemOf(ref: string): string {
  const name = ref.slice(ref.indexOf('.') + 1).replace(/\./g, '_');
  return name.replace(/_(type|id|code|name|key)$/, '') || name;
}

/** The name of the label variable for a reference: `trigger.integration_type` → `integration_name`. */
export function labelName(ref: string): string {
  return `${stemOf(ref)}_name`.replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * The journey variable that turns a value into its display name: `vars.integration_name` from
 * `trigger.integration_type`, its label map made of the values given (seen in events, or listed
 * by another variable of the same value) with their display names. The marketer edits the names
 * in Settings; a value the map lacks reads as the default ("integration").
 * @example labelVariable(journey, 'trigger.integration_type', ['stripe', 'custom_api']).variable.map // { stripe: 'Stripe', custom_api: 'custom API' }
 */
export function labelVariable(
  journey: Pick<Journey, 'variables'>,
  ref: string,
  values: readonly string[],
): { variable: Variable; isNew: boolean } {
  const name = labelName(ref);
  const existing = journey.variables.find((variable) => variable.name === name && variable.from === ref);
  if (existing) return { variable: existing, isNew: false };
  const map: Record<string, string> = {};
  for (const value of values) map[value] = displayName(value);
  return { variable: { name, from: ref, map, default: humanizeName(stemOf(ref)) }, isNew: true };
}
