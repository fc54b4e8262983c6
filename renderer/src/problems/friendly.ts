import type { Journey } from '../../../shared/journey/schema';
import type { Problem } from '../../../shared/journey/validate';
import { nodeTitle } from '../model/describe';

/**
 * The schema speaks in paths ("nodes.3.config.event: Too small"); a marketer needs to hear what
 * to do. Keyed by the last named part of the path.
 */
const ADVICE: Record<string, string> = {
  event: 'Choose an event.',
  template: 'Choose which email to send.',
  trait: 'Choose a trait.',
  url: 'Enter the web address to call.',
  output: 'Each branch needs a name made of letters, digits, - and _.',
  values: 'Each branch needs at least one value.',
  time: 'Enter a time of day such as 09:00.',
  start: 'Enter a time of day such as 21:00.',
  end: 'Enter a time of day such as 08:00.',
  duration: 'Enter a duration such as 30m, 2h or 4d.',
  timeout: 'Enter a duration such as 30m, 2h or 4d.',
  within: 'Enter a duration such as 30m, 2h or 4d.',
  cooldown: 'Enter a duration such as 30m, 2h or 4d.',
  per: 'Enter a duration such as 30m, 2h or 4d.',
  maxLateness: 'Enter a duration such as 30m, 2h or 4d.',
  default: 'Enter a value to use otherwise.',
  by: 'Choose the value the duration depends on, e.g. vars.category.',
  ref: 'Choose where the value comes from, e.g. user.role.',
  value: 'Choose where the value comes from, e.g. user.role.',
  from: 'Choose where the value comes from, e.g. trigger.integration_type.',
  sameAs: 'Choose the value to compare with, e.g. trigger.error_code.',
  property: 'Choose a property.',
  name: 'A name is needed (letters, digits and _; not starting with a digit).',
  atLeast: 'Enter how many times (1 or more).',
  percent: 'Enter a percentage from 0 to 100.',
  max: 'Enter how many emails (1 or more).',
  id: 'Use letters, digits, - and _ only.',
};

/** The advice for a schema problem's field, or undefined for problems that already read well. */
function adviceFor(field: string | undefined): string | undefined {
  if (!field) return undefined;
  const named = field
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .pop();
  return named ? ADVICE[named] : undefined;
}

/** True for problems the schema raised (they carry a path and a terse message). */
function isSchemaProblem(problem: Problem): boolean {
  return problem.field !== undefined && problem.message.startsWith(`${problem.field}: `);
}

/**
 * A problem as a marketer reads it: which step, and what to do.
 * @example friendlyMessage({ severity: 'error', nodeId: 'start', field: 'config.event', message: 'config.event: Too small…' }) // "Choose an event."
 */
export function friendlyMessage(problem: Problem): string {
  if (isSchemaProblem(problem)) return adviceFor(problem.field) ?? problem.message;
  return problem.message;
}

/** The title of the step a problem is about, if it is about one that exists. */
export function problemStepTitle(problem: Problem, journey: Journey): string | undefined {
  if (!problem.nodeId) return undefined;
  const node = journey.nodes.find((candidate) => candidate.id === problem.nodeId);
  return node ? nodeTitle(node) : undefined;
}
