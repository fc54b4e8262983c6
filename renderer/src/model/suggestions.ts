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
