import { contentWarnings, renderForChecks } from '../../../shared/journey/content-checks';
import type { Journey } from '../../../shared/journey/schema';
import { templateOf } from '../../../shared/journey/template-of';
import { type Problem, validateJourney } from '../../../shared/journey/validate';

/** The validator and its schema and template code: loaded after the first paint. */

/** What the canvas and the lint panel show: the validator's problems plus a few drafting hints. */
export interface DraftProblems {
  problems: Problem[];
  errorCount: number;
  warningCount: number;
  /** Counts per step, for the badges on cards. */
  byNode: ReadonlyMap<string, { errors: number; warnings: number }>;
}

/** Hints about unfinished work that the validator does not treat as a problem in a stored file. */
function draftingHints(journey: Journey): Problem[] {
  const hints: Problem[] = [];
  for (const node of journey.nodes) {
    if (node.type === 'email') hints.push(...contentHints(journey, node.id, node.config.template));
    if (node.type === 'condition' && node.config.rules.length === 0) {
      hints.push({ severity: 'warning', nodeId: node.id, message: 'No rules yet: everyone goes to “yes”.' });
    }
  }
  return hints;
}

/** What makes an email more likely to land in spam, rendered for a sample user (SpamAssassin runs in the email editor). */
function contentHints(journey: Journey, nodeId: string, name: string): Problem[] {
  const template = templateOf(journey, name);
  const parts = template && template.subject.trim() !== '' ? renderForChecks(journey, template) : undefined;
  if (!parts) return [];
  return contentWarnings(parts).map((warning) => ({
    severity: 'warning',
    nodeId,
    field: `templates.${name}.content`,
    message: `May land in spam: ${warning.message}`,
  }));
}

/**
 * Checks a draft.
 * @example checkDraft(journey).errorCount // 0 when it can be published
 */
export function checkDraft(journey: Journey): DraftProblems {
  const problems = [...validateJourney(journey).problems, ...draftingHints(journey)];
  const byNode = new Map<string, { errors: number; warnings: number }>();
  let errorCount = 0;
  for (const problem of problems) {
    if (problem.severity === 'error') errorCount++;
    if (!problem.nodeId) continue;
    const counts = byNode.get(problem.nodeId) ?? { errors: 0, warnings: 0 };
    if (problem.severity === 'error') counts.errors++;
    else counts.warnings++;
    byNode.set(problem.nodeId, counts);
  }
  return { problems, errorCount, warningCount: problems.length - errorCount, byNode };
}
