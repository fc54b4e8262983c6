import type { CatalogEvent } from '../../../shared/api/catalog';
import { humanizeEvent, humanizeName } from '../../../shared/journey/humanize';
import type { Journey } from '../../../shared/journey/schema';

/** Something about the events the product really sends that this journey should know. */
export interface EventHealthHint {
  /** Stable, for React keys and tests. */
  id: string;
  message: string;
  /** The journey variable the hint is about, when there is one (its map is in Settings). */
  variable?: string;
}

/**
 * Compares the journey with the stored events: trigger events never seen, and values of a trigger
 * property that a variable's map does not list (those people silently get the default, e.g. a
 * 2 hour timer instead of 30 minutes).
 * @example eventHealthHints(journey, catalog)[0]?.message // '3 recent “Integration started” events had integration type "oauth2", …'
 */
export function eventHealthHints(journey: Journey, catalog: readonly CatalogEvent[]): EventHealthHint[] {
  if (catalog.length === 0) return [];
  const hints: EventHealthHint[] = [];
  const triggers = [...new Set(journey.nodes.flatMap((node) => (node.type === 'trigger' ? [node.config.event] : [])))];
  for (const name of triggers.filter(Boolean)) {
    const seen = catalog.find((event) => event.name === name);
    if (!seen) {
      hints.push({
        id: `unseen:${name}`,
        message: `No recent event is “${humanizeEvent(name)}” (${name}): nobody enters until the product sends it. Check the name your product uses.`,
      });
      continue;
    }
    for (const variable of journey.variables) {
      if (!variable.from.startsWith('trigger.') || Object.keys(variable.map).length === 0) continue;
      const property = variable.from.slice('trigger.'.length);
      const values = seen.properties.find((candidate) => candidate.key === property)?.values ?? [];
      for (const { value, count } of values) {
        if (Object.hasOwn(variable.map, value)) continue;
        hints.push({
          id: `unmapped:${variable.name}:${value}`,
          variable: variable.name,
          message: `${count} recent “${humanizeEvent(name)}” ${count === 1 ? 'event had' : 'events had'} ${humanizeName(property)} "${value}", which the ${humanizeName(variable.name)} map does not list: those people get ${humanizeName(variable.name)} "${variable.default}".`,
        });
      }
    }
  }
  return hints;
}
