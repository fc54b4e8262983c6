import type { Condition, Journey } from '../../shared/journey/schema';

/**
 * The event names a journey can react to or count: triggers, waits, exit rules, the events its
 * conditions and eligibility rules look at, and its goal's event. A replay leaves every other stored event out: the
 * interpreter would only keep it in the user's history, where nothing reads it.
 * @example relevantEvents(seed).has('page_viewed') // false
 */
export function relevantEvents(journey: Journey): Set<string> {
  const names = new Set<string>(journey.exitRules.map((r) => r.event));
  if (journey.settings.goal) names.add(journey.settings.goal.event);
  const addRules = (rules: readonly Condition[]) => {
    for (const rule of rules) if (rule.kind === 'event' || rule.kind === 'event_count') names.add(rule.event);
  };
  for (const node of journey.nodes) {
    if (node.type === 'trigger') {
      names.add(node.config.event);
      addRules(node.config.eligibility.rules);
    } else if (node.type === 'wait') names.add(node.config.event);
    else if (node.type === 'condition') addRules(node.config.rules);
  }
  return names;
}

/** The events that start the journey: a user with none of them cannot have an outcome. */
export function triggerEvents(journey: Journey): Set<string> {
  return new Set(journey.nodes.flatMap((n) => (n.type === 'trigger' ? [n.config.event] : [])));
}
