import { parseDuration } from '../journey/duration';
import type { ExpectedArrival, ScenarioExpectations } from '../journey/schema';
import type { ScenarioEnd, ScenarioRun } from './run';
import { formatOffset, parseOffset } from './timeline';

/** One expectation the run did not meet, in words, with the nodes where the journey now differs. */
export interface ExpectationDifference {
  /** Where the expectation is written, e.g. `expect.emails[1]`. */
  field: string;
  /** e.g. "expected credential_help at +2h05m, got +3h05m". */
  message: string;
  /** The nodes to mark on the canvas. */
  nodeIds: string[];
}

export interface ExpectationCheck {
  /** False when the scenario expects nothing (then it cannot fail). */
  hasExpectations: boolean;
  passed: boolean;
  differences: ExpectationDifference[];
}

/**
 * Compares a scenario's run with what the scenario expects. Emails and webhooks are matched per
 * node in time order: the first expected at a node with the first that came from it, and so on.
 * @example checkExpectations({ emails: [{ nodeId: 'confirm', at: '+5m' }] }, run).passed // true
 */
export function checkExpectations(
  expect: ScenarioExpectations | undefined,
  run: Pick<ScenarioRun, 'outcomes' | 'start' | 'end'>,
): ExpectationCheck {
  if (!expect) return { hasExpectations: false, passed: true, differences: [] };
  const offsetsOf = (type: 'email' | 'webhook') => {
    const byNode = new Map<string, number[]>();
    for (const o of run.outcomes) {
      if (o.type !== type) continue;
      byNode.set(o.nodeId, [...(byNode.get(o.nodeId) ?? []), o.at - run.start]);
    }
    return byNode;
  };
  const differences = [
    // A scenario that also lists the emails that must not come (as "Expect this" writes it) has
    // named every email step there was: an email from a step it names nowhere is a new step.
    ...arrivalDifferences(expect.emails ?? [], offsetsOf('email'), 'emails', '', expect.noEmails ?? null),
    // Webhooks listed (even as none), or a pinned scenario that named every step: a webhook from a
    // step it does not list is a difference, so `webhooks: []` means none may be called.
    ...arrivalDifferences(
      expect.webhooks ?? [],
      offsetsOf('webhook'),
      'webhooks',
      'webhook ',
      expect.webhooks !== undefined || expect.noEmails !== undefined ? [] : null,
    ),
    ...noEmailDifferences(expect.noEmails ?? [], offsetsOf('email')),
    ...endDifferences(expect.end, run.end),
  ];
  const hasExpectations =
    expect.emails !== undefined || expect.webhooks !== undefined || expect.noEmails !== undefined || !!expect.end;
  return { hasExpectations, passed: differences.length === 0, differences };
}

function arrivalDifferences(
  expected: readonly ExpectedArrival[],
  actual: ReadonlyMap<string, number[]>,
  list: 'emails' | 'webhooks',
  what: string,
  /** The steps that must send nothing, when listed: then arrivals from steps named nowhere are differences. */
  mustNot: readonly string[] | null,
): ExpectationDifference[] {
  const found: ExpectationDifference[] = [];
  const usedAt = new Map<string, number>();
  expected.forEach((arrival, index) => {
    const nth = usedAt.get(arrival.nodeId) ?? 0;
    usedAt.set(arrival.nodeId, nth + 1);
    const got = actual.get(arrival.nodeId)?.[nth];
    const wanted = parseOffset(arrival.at);
    const tolerance = arrival.tolerance ? parseDuration(arrival.tolerance) : 0;
    const field = `expect.${list}[${index}]`;
    const expectedText = `expected ${what}${arrival.nodeId} at ${arrival.at}${arrival.tolerance ? ` (±${arrival.tolerance})` : ''}`;
    if (got === undefined) {
      found.push({ field, message: `${expectedText}, got none`, nodeIds: [arrival.nodeId] });
    } else if (typeof wanted === 'number' && Math.abs(wholeSeconds(got) - wanted) > tolerance) {
      found.push({ field, message: `${expectedText}, got ${formatOffset(got)}`, nodeIds: [arrival.nodeId] });
    }
  });
  // More from a listed node than it lists is a difference; so is any from a node named nowhere
  // when the scenario names every step (a step added since the outcome was pinned).
  for (const [nodeId, offsets] of actual) {
    const listed = usedAt.get(nodeId) ?? 0;
    if (listed === 0 && (mustNot === null || mustNot.includes(nodeId))) continue;
    for (const extra of offsets.slice(listed)) {
      found.push({
        field: `expect.${list}`,
        message:
          listed === 0
            ? `got ${what}${nodeId} at ${formatOffset(extra)}, a step the scenario does not name (added since it was pinned?)`
            : `got ${what}${nodeId} again at ${formatOffset(extra)}, expected it ${listed === 1 ? 'once' : `${listed} times`}`,
        nodeIds: [nodeId],
      });
    }
  }
  return found;
}

function noEmailDifferences(nodeIds: readonly string[], actual: ReadonlyMap<string, number[]>) {
  return nodeIds.flatMap((nodeId, index): ExpectationDifference[] => {
    const first = actual.get(nodeId)?.[0];
    return first === undefined
      ? []
      : [
          {
            field: `expect.noEmails[${index}]`,
            message: `expected no ${nodeId}, got one at ${formatOffset(first)}`,
            nodeIds: [nodeId],
          },
        ];
  });
}

function endDifferences(expected: ScenarioExpectations['end'], actual: ScenarioEnd | null): ExpectationDifference[] {
  if (!expected) return [];
  const same =
    actual !== null &&
    actual.nodeId === expected.nodeId &&
    (expected.reason === undefined || expected.reason === actual.reason);
  if (same) return [];
  const wanted = `${expected.nodeId}${expected.reason ? ` (${expected.reason})` : ''}`;
  return [
    {
      field: 'expect.end',
      message: `expected to end at ${wanted}, got ${describeEnd(actual)}`,
      nodeIds: actual && actual.nodeId !== expected.nodeId ? [expected.nodeId, actual.nodeId] : [expected.nodeId],
    },
  ];
}

/**
 * Where a run ended, in words.
 * @example describeEnd({ nodeId: 'wait_domain', reason: null, status: 'waiting' }) // 'still waiting at wait_domain'
 */
export function describeEnd(end: ScenarioEnd | null): string {
  if (!end) return 'no entry into the journey';
  if (end.status === 'waiting') return `still waiting at ${end.nodeId}`;
  if (end.status === 'not_entered') return `no entry at ${end.nodeId} (${end.reason ?? 'refused'})`;
  return `${end.nodeId}${end.reason ? ` (${end.reason})` : ''}`;
}

/** Offsets are written to the second: compare the run's times the same way. */
const wholeSeconds = (ms: number) => Math.round(ms / 1000) * 1000;
