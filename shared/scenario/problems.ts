import type { Journey, NodeType, Scenario } from '../journey/schema';
import { parseTimeline } from './timeline';

/** Something wrong with a saved scenario itself (not with its outcome), naming the field. */
export interface ScenarioProblem {
  /** e.g. `timeline` or `expect.emails[0].nodeId`. */
  field: string;
  message: string;
}

/**
 * What stops a scenario from being run or checked: timeline lines that cannot be read, and
 * expectations that name a node the journey does not have, or one of the wrong kind.
 * @example scenarioProblems(journey, { ...scenario, timeline: '+3hr x' }) // [{ field: 'timeline', message: "line 1: unknown time unit 'hr' (use s, m, h, d or w)" }]
 */
export function scenarioProblems(journey: Pick<Journey, 'nodes'>, scenario: Scenario): ScenarioProblem[] {
  const problems: ScenarioProblem[] = parseTimeline(scenario.timeline).errors.map((e) => ({
    field: 'timeline',
    message: `line ${e.line}: ${e.message}`,
  }));
  const types = new Map<string, NodeType>(journey.nodes.map((n) => [n.id, n.type]));
  const expectNode = (field: string, nodeId: string, type?: NodeType) => {
    const actual = types.get(nodeId);
    if (actual === undefined) problems.push({ field, message: `the journey has no node "${nodeId}"` });
    else if (type && actual !== type)
      problems.push({
        field,
        message: `"${nodeId}" is ${article(actual)} ${actual} step, not ${article(type)} ${type} step`,
      });
  };
  const expect = scenario.expect;
  for (const [i, e] of (expect?.emails ?? []).entries()) expectNode(`expect.emails[${i}].nodeId`, e.nodeId, 'email');
  for (const [i, id] of (expect?.noEmails ?? []).entries()) expectNode(`expect.noEmails[${i}]`, id, 'email');
  for (const [i, e] of (expect?.webhooks ?? []).entries())
    expectNode(`expect.webhooks[${i}].nodeId`, e.nodeId, 'webhook');
  if (expect?.end) expectNode('expect.end.nodeId', expect.end.nodeId);
  return problems;
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');
