import type { Condition, Journey, JourneyNode } from '../journey/schema';
import { ERROR_EVENT, TEST_EVENT } from './funnel-types';

/** Which emails of a journey are troubleshooting emails, and which prompt a test event. */
export interface EmailRoles {
  troubleshooting: Set<string>;
  testPrompt: Set<string>;
}

const mentions = (rule: Condition, event: string) =>
  (rule.kind === 'event' || rule.kind === 'event_count') && rule.event === event;
/** A rule that holds when the event has NOT happened. */
const absent = (rule: Condition, event: string) => rule.kind === 'event' && rule.event === event && !rule.happened;

/** The outputs of a node that lead to a troubleshooting or a test-prompt email. */
function guardedOutputs(node: JourneyNode): { troubleshooting: string[]; testPrompt: string[] } {
  const none = { troubleshooting: [] as string[], testPrompt: [] as string[] };
  switch (node.type) {
    case 'trigger':
      return node.config.event === ERROR_EVENT ? { ...none, troubleshooting: ['next'] } : none;
    case 'wait':
      if (node.config.event === ERROR_EVENT) return { ...none, troubleshooting: ['happened'] };
      if (node.config.event === TEST_EVENT) return { ...none, testPrompt: ['timed_out'] };
      return none;
    case 'condition': {
      const rules = node.config.rules;
      return {
        troubleshooting: rules.some((r) => mentions(r, ERROR_EVENT) && !absent(r, ERROR_EVENT)) ? ['true'] : [],
        testPrompt: rules.some((r) => absent(r, TEST_EVENT))
          ? ['true']
          : rules.some((r) => mentions(r, TEST_EVENT))
            ? ['false']
            : [],
      };
    }
    default:
      return none;
  }
}

/**
 * Finds a journey's troubleshooting emails (the first email after a setup error: a trigger on
 * setup_error_seen, a wait that saw it, a condition about it) and its test-prompt emails (the first
 * email after a test event did not come: a wait for test_event_sent timing out, a condition that
 * it has not happened). "First" means before any other wait or email on the way, so a later
 * reminder on the same path is not counted.
 * @example emailRoles(troubleshootingJourney).troubleshooting // Set { 'troubleshoot' }
 */
export function emailRoles(journey: Journey): EmailRoles {
  const nodes = new Map(journey.nodes.map((n) => [n.id, n]));
  const next = (from: string, output: string) =>
    journey.edges.filter((e) => e.from === from && e.output === output).map((e) => e.to);
  const firstEmails = (from: string, outputs: string[]): string[] => {
    const found: string[] = [];
    const seen = new Set<string>();
    const queue = outputs.flatMap((output) => next(from, output));
    while (queue.length > 0) {
      const id = queue.shift() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      const node = nodes.get(id);
      if (!node || node.type === 'wait' || node.type === 'exit') continue;
      if (node.type === 'email') {
        found.push(id);
        continue;
      }
      const outs = [...new Set(journey.edges.filter((e) => e.from === id).map((e) => e.output))];
      queue.push(...outs.flatMap((output) => next(id, output)));
    }
    return found;
  };
  const roles: EmailRoles = { troubleshooting: new Set(), testPrompt: new Set() };
  for (const node of journey.nodes) {
    const guarded = guardedOutputs(node);
    for (const id of firstEmails(node.id, guarded.troubleshooting)) roles.troubleshooting.add(id);
    for (const id of firstEmails(node.id, guarded.testPrompt)) roles.testPrompt.add(id);
  }
  return roles;
}
