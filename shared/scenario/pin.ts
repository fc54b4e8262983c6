import type { Journey, ScenarioExpectations } from '../journey/schema';
import type { ScenarioRun } from './run';
import { formatOffset } from './timeline';

/**
 * "Expect this": the run's outcome written down as expectations, so any later change to it fails
 * the scenario. Every email that came (at its time), every other email node as one that must not
 * send, the webhooks called, and where the user ended.
 * @example pinExpectations(journey, run).emails // [{ nodeId: 'confirm', at: '+5m' }, { nodeId: 'credential_help', at: '+2h05m' }]
 */
export function pinExpectations(
  journey: Pick<Journey, 'nodes'>,
  run: Pick<ScenarioRun, 'outcomes' | 'start' | 'end'>,
): ScenarioExpectations {
  const arrivals = (type: 'email' | 'webhook') =>
    run.outcomes.filter((o) => o.type === type).map((o) => ({ nodeId: o.nodeId, at: formatOffset(o.at - run.start) }));
  const emails = arrivals('email');
  const webhooks = arrivals('webhook');
  const sent = new Set(emails.map((e) => e.nodeId));
  const noEmails = journey.nodes.filter((n) => n.type === 'email' && !sent.has(n.id)).map((n) => n.id);
  const end = run.end;
  return {
    emails,
    ...(noEmails.length > 0 ? { noEmails } : {}),
    ...(webhooks.length > 0 ? { webhooks } : {}),
    ...(end ? { end: { nodeId: end.nodeId, ...(end.reason !== null ? { reason: end.reason } : {}) } } : {}),
  };
}
