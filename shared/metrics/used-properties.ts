import type { Condition, Journey, PropertyFilter } from '../journey/schema';

/** What journeys read from events and profiles: properties per event name, and traits. */
export interface UsedProperties {
  events: Map<string, Set<string>>;
  traits: Set<string>;
}

/** `trigger.x`, `user.x` and `event.x` in Liquid and references. */
const REFERENCE = /\b(user|trigger)\.([A-Za-z0-9_]+)/g;
/** Not traits: the user's id, and what the engine itself writes. */
const NOT_TRAITS = new Set(['id', 'unsubscribed', 'unsubscribe_reason']);

/**
 * The event properties and profile traits a set of journeys depend on: filters and conditions on
 * events, the trigger's properties used in templates, splits and variables, and `user.*` traits.
 * The Events view reports the share of events (or users) missing each one: an instrumentation gap
 * rather than a messaging gap.
 * @example usedProperties([seed]).events.get('integration_started') // Set { 'integration_type' }
 */
export function usedProperties(journeys: readonly Journey[]): UsedProperties {
  const used: UsedProperties = { events: new Map(), traits: new Set() };
  const onEvent = (event: string, property: string) => {
    const set = used.events.get(event) ?? new Set<string>();
    set.add(property);
    used.events.set(event, set);
  };
  const onTrait = (trait: string) => {
    if (!NOT_TRAITS.has(trait)) used.traits.add(trait);
  };
  for (const journey of journeys) {
    const triggers = journey.nodes.flatMap((n) => (n.type === 'trigger' ? [n.config.event] : []));
    const onText = (text: string) => {
      for (const [, scope, name] of text.matchAll(REFERENCE)) {
        if (!name) continue;
        if (scope === 'user') onTrait(name);
        else for (const event of triggers) onEvent(event, name);
      }
    };
    const onFilters = (event: string, filters: readonly PropertyFilter[]) => {
      for (const filter of filters) {
        onEvent(event, filter.property);
        if (filter.sameAs) onText(filter.sameAs);
      }
    };
    const onRules = (rules: readonly Condition[]) => {
      for (const rule of rules) {
        if (rule.kind === 'trait') onTrait(rule.trait);
        else if (rule.kind === 'value') onText(rule.ref);
        else {
          onFilters(rule.event, rule.filters);
          if (rule.kind === 'event_count' && rule.sameProperty) onEvent(rule.event, rule.sameProperty);
          if (rule.window.anchor === 'trait') onTrait(rule.window.trait ?? 'createdAt');
        }
      }
    };
    for (const node of journey.nodes) {
      switch (node.type) {
        case 'trigger':
          onFilters(node.config.event, node.config.filters);
          onRules(node.config.eligibility.rules);
          break;
        case 'wait':
          onFilters(node.config.event, node.config.filters);
          onText(JSON.stringify(node.config.timeout));
          break;
        case 'condition':
          onRules(node.config.rules);
          break;
        default:
          // Splits, delays, emails, webhooks and tracks refer to values in their config's text.
          onText(JSON.stringify(node.config));
      }
    }
    for (const rule of journey.exitRules) onFilters(rule.event, rule.filters);
    for (const variable of journey.variables) onText(variable.from);
    for (const template of Object.values(journey.templates))
      onText(`${template.subject} ${template.html} ${template.text}`);
  }
  return used;
}
