import type { Journey, Template } from './schema';
import { lookupValue } from './values';

/**
 * A journey's template by name, reading its own templates only: an email naming `constructor`
 * or `__proto__` finds none, rather than a built-in function of every object.
 * @example templateOf(journey, 'welcome')?.subject
 */
export function templateOf(journey: Pick<Journey, 'templates'>, name: string): Template | undefined {
  return lookupValue(journey.templates, name);
}
