import type { z } from 'zod';
import type { Journey } from '../../../shared/journey/schema';
import { validateJourney } from '../../../shared/journey/validate';
import { friendlyMessage, problemStepTitle } from '../model/friendly';

/**
 * Why a draft cannot be stored yet, in one line: the first incomplete step and what it needs.
 * @example saveBlocker(journey, error) // "“Wait 1”: Choose an event."
 */
export function saveBlocker(journey: Journey, error: z.ZodError): string {
  const problems = validateJourney(journey).problems.filter((problem) => problem.severity === 'error');
  const first = problems[0];
  if (!first) return error.issues[0]?.message ?? 'The draft is incomplete.';
  const step = problemStepTitle(first, journey);
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `${step ? `“${step}”: ` : ''}${friendlyMessage(first)}${more}`;
}
