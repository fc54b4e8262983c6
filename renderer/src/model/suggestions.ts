import type { CatalogEvent, CatalogProperty } from '../../../shared/api/catalog';
import type { Journey } from '../../../shared/journey/schema';

/** What the pickers offer as you type: names seen in stored data first, then the journey's, then the guide's. */

/** The setup events the product guide names: suggested even before any has been stored. */
const KNOWN_EVENTS = [
  'integration_started',
  'api_key_created',
  'domain_verified',
  'test_event_sent',
  'integration_connected',
  'sync_completed',
  'setup_error_seen',
  'setup_abandoned',
];
const KNOWN_PROPERTIES = ['integration_type', 'error_code', 'environment', 'workspace_id', 'source', 'role', 'plan'];
const KNOWN_TRAITS = [
  'first_name',
  'workspace_name',
  'email',
  'role',
  'plan',
  'sending_domain',
  'timezone',
  'createdAt',
];

/** Every event name a journey mentions, in the order it mentions them. */
export function journeyEvents(journey: Journey | undefined): string[] {
  if (!journey) return [];
  const names: string[] = [];
  const add = (name: string | undefined) => {
    if (name) names.push(name);
  };
  for (const node of journey.nodes) {
    if (node.type === 'trigger') {
      add(node.config.event);
      for (const rule of node.config.eligibility.rules)
        if (rule.kind === 'event' || rule.kind === 'event_count') add(rule.event);
    }
    if (node.type === 'wait') add(node.config.event);
    if (node.type === 'track' && node.config.action === 'event') add(node.config.event);
    if (node.type === 'condition')
      for (const rule of node.config.rules) if (rule.kind === 'event' || rule.kind === 'event_count') add(rule.event);
  }
  for (const rule of journey.exitRules) add(rule.event);
  return names;
}

const unique = (names: Iterable<string>) => [...new Set(names)].filter((name) => name.trim() !== '');

/** Event names to suggest: seen in stored events (most frequent first), used by this journey, then the guide's. */
export function eventSuggestions(catalog: readonly CatalogEvent[], journey: Journey | undefined): string[] {
  return unique([...catalog.map((event) => event.name), ...journeyEvents(journey), ...KNOWN_EVENTS]);
}

/** Properties to suggest for an event (or for any event when none is given), with sample values. */
export function propertySuggestions(
  catalog: readonly CatalogEvent[],
  event?: string,
): { key: string; samples: string[] }[] {
  const found = new Map<string, string[]>();
  for (const entry of catalog) {
    if (event && entry.name !== event) continue;
    for (const property of entry.properties)
      found.set(property.key, [...(found.get(property.key) ?? []), ...property.samples]);
  }
  for (const key of KNOWN_PROPERTIES) if (!found.has(key)) found.set(key, []);
  return [...found.entries()].map(([key, samples]) => ({ key, samples: unique(samples).slice(0, 5) }));
}

/** User traits to suggest, with sample values. */
export function traitSuggestions(traits: readonly CatalogProperty[]): { key: string; samples: string[] }[] {
  const found = new Map(traits.map((trait) => [trait.key, trait.samples] as const));
  for (const key of KNOWN_TRAITS) if (!found.has(key)) found.set(key, []);
  return [...found.entries()].map(([key, samples]) => ({ key, samples }));
}

/** A value to suggest, with what it means here (how often it was seen, the category it maps to). */
export interface ValueChoice {
  value: string;
  label: string;
}

/**
 * What a value means to this journey's variables: "category oauth", or that a map does not list it
 * ("not in the category map: api"). Empty when no variable reads this reference.
 * @example valueMeaning(journey, 'trigger.integration_type', 'stripe') // "category oauth"
 */
export function valueMeaning(journey: Pick<Journey, 'variables'>, ref: string, value: string): string {
  if (value === '') return '';
  return journey.variables
    .filter((variable) => variable.from === ref && Object.keys(variable.map).length > 0)
    .map((variable) =>
      Object.hasOwn(variable.map, value)
        ? `${variable.name} ${variable.map[value]}`
        : `not in the ${variable.name} map: ${variable.default}`,
    )
    .join(', ');
}

/**
 * The values of a property seen in stored events of `event` (most frequent first), each with how
 * often and what it means to the journey's variables reading `ref`; then the keys of those maps
 * not seen yet.
 * @example valueChoices(catalog, 'integration_started', 'integration_type', 'trigger.integration_type', journey)
 * // [{ value: 'stripe', label: '12 events · category oauth' }, …]
 */
export function valueChoices(
  catalog: readonly CatalogEvent[],
  event: string | undefined,
  property: string,
  ref: string,
  journey: Pick<Journey, 'variables'>,
): ValueChoice[] {
  const counts = new Map<string, number>();
  for (const entry of catalog) {
    if (event && entry.name !== event) continue;
    for (const found of entry.properties.find((candidate) => candidate.key === property)?.values ?? [])
      counts.set(found.value, (counts.get(found.value) ?? 0) + found.count);
  }
  const mapped = journey.variables.filter((variable) => variable.from === ref).flatMap((v) => Object.keys(v.map));
  const values = unique([...[...counts.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value), ...mapped]);
  return values.map((value) => {
    const count = counts.get(value);
    const seen = count ? `${count} ${count === 1 ? 'event' : 'events'}` : 'not seen yet';
    const meaning = valueMeaning(journey, ref, value);
    return { value, label: meaning ? `${seen} · ${meaning}` : seen };
  });
}
