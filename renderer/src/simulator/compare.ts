import type { Journey } from '../../../shared/journey/schema';
import type { ScenarioResult } from '../model/scenario-run';
import { formatOffset } from '../model/scenario-timeline';
import { describeEnding, type Ending } from './outcome';

/** One scenario's column: its name and what running it gave. */
export interface CompareRun {
  id: string;
  name: string;
  result: ScenarioResult;
}

/** What one scenario's user got from one email step. */
export interface CompareCell {
  /** Send times relative to that scenario's start ("+2h05m"); an email can be sent more than once. */
  sent: string[];
  /** Why it was not sent, when the user reached it and it was skipped. */
  skipped: string | null;
}

export interface CompareRow {
  nodeId: string;
  title: string;
  /** The subject the first scenario to get it got (subjects can differ by user). */
  subject: string | null;
  cells: CompareCell[];
}

export interface Comparison {
  columns: { id: string; name: string; emails: number; ending: Ending }[];
  rows: CompareRow[];
}

/**
 * Scenarios side by side: one row per email step, one column per scenario. Rows come in the
 * order users first get them; steps nobody got come last.
 * @example compareScenarios(journey, runs).rows[0].cells.map((c) => c.sent) // [['+5m'], ['+5m']]
 */
export function compareScenarios(journey: Pick<Journey, 'nodes'>, runs: readonly CompareRun[]): Comparison {
  const emailNodes = journey.nodes.filter((node) => node.type === 'email');
  const firstSent = new Map<string, number>();
  const rows: CompareRow[] = emailNodes.map((node) => {
    let subject: string | null = null;
    const cells = runs.map(({ result }) => {
      const emails = result.emails.filter((email) => email.nodeId === node.id);
      for (const email of emails) {
        subject ??= email.subject;
        const offset = email.at - result.start;
        firstSent.set(node.id, Math.min(firstSent.get(node.id) ?? Number.POSITIVE_INFINITY, offset));
      }
      const skip = result.outcomes.find((o) => o.type === 'skip' && o.nodeId === node.id);
      const why = skip
        ? result.decisions.find((d) => d.nodeId === node.id && d.at === skip.at && !d.message.startsWith('Sent'))
        : undefined;
      return {
        sent: emails.map((email) => formatOffset(email.at - result.start)),
        skipped: skip && emails.length === 0 ? (why?.message ?? `Skipped: ${skip.reason ?? 'not sent'}`) : null,
      };
    });
    return { nodeId: node.id, title: node.title ?? node.id, subject, cells };
  });
  const order = new Map(emailNodes.map((node, index) => [node.id, index] as const));
  rows.sort((a, b) => {
    const at =
      (firstSent.get(a.nodeId) ?? Number.POSITIVE_INFINITY) - (firstSent.get(b.nodeId) ?? Number.POSITIVE_INFINITY);
    return Number.isNaN(at) || at === 0 ? (order.get(a.nodeId) ?? 0) - (order.get(b.nodeId) ?? 0) : at;
  });
  return {
    columns: runs.map(({ id, name, result }) => ({
      id,
      name,
      emails: result.emails.length,
      ending: describeEnding(journey, result),
    })),
    rows,
  };
}
