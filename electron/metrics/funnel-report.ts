import { parseTime } from '../../shared/journey/values';
import { FunnelTally } from '../../shared/metrics/funnel-tally';
import {
  ALL_KEY,
  ERROR_EVENT,
  FUNNEL_STEPS,
  type FunnelDetails,
  type FunnelReport,
  SYNC_EVENT,
} from '../../shared/metrics/funnel-types';
import type { FunnelEvent } from '../../shared/metrics/funnel-user';
import { groupKeyOf } from '../../shared/metrics/group-key';
import { keyedRows } from '../store/awaitable';
import type { Breakdown, FunnelRows } from '../store/reports/funnel-rows';
import { type EmailRoleIndex, emailKey } from './email-role-index';

export interface FunnelQuery {
  /** Cohort: users whose first integration_started is in [from, to) (epoch ms). */
  from: number;
  to: number;
  /** `integration_type` (the first start's property), a trait name, or null for one group `all`. */
  by: string | null;
  activationEvent: string | null;
}

export interface FunnelResult {
  report: FunnelReport;
  details: FunnelDetails;
}

/** Called every few thousand users with how many of the cohort are done. */
export type Progress = (done: number, total: number) => void;

const PROGRESS_EVERY = 2000;
export const START_PROPERTY_BREAKDOWNS = new Set(['integration_type']);

function breakdownOf(by: string | null): Breakdown {
  if (by === null) return { kind: 'none' };
  return START_PROPERTY_BREAKDOWNS.has(by) ? { kind: 'start_property', name: by } : { kind: 'trait', name: by };
}

/**
 * The setup funnel over stored data: the cohort and, beside it in the same order, each cohort
 * user's events and emails after their start. One user is held in memory at a time; totals grow
 * with groups and connected users, never with events.
 * @example (await runFunnelReport(rows, roles, { from, to, by: 'role', activationEvent: null })).report.groups
 */
export async function runFunnelReport(
  rows: FunnelRows,
  roles: EmailRoleIndex,
  query: FunnelQuery,
  onProgress?: Progress,
): Promise<FunnelResult> {
  const { from, to, activationEvent } = query;
  const names = [...FUNNEL_STEPS, SYNC_EVENT, ERROR_EVENT];
  if (activationEvent !== null && !names.includes(activationEvent as (typeof names)[number])) {
    names.push(activationEvent as (typeof names)[number]);
  }
  const total = onProgress ? await rows.cohortSize(from, to) : 0;
  const tally = new FunnelTally(activationEvent, query.by === null ? ALL_KEY : null);
  const events = keyedRows(rows.cohortEvents(from, to, names));
  const emails = keyedRows(rows.cohortEmails(from, to));
  let done = 0;
  try {
    for await (const [userId, start, createdAt, byValue] of rows.cohort(from, to, breakdownOf(query.by))) {
      const mine: FunnelEvent[] = (await events.take(userId)).map(([, name, ts, code]) => ({
        name,
        ts,
        errorCode: code === null || code === undefined ? null : String(code),
      }));
      let troubleshootingEmailAt: number | null = null;
      let testPromptEmailAt: number | null = null;
      for (const [, journeyId, nodeId, at] of await emails.take(userId)) {
        const key = emailKey(journeyId, nodeId);
        if (roles.troubleshooting.has(key) && (troubleshootingEmailAt === null || at < troubleshootingEmailAt)) {
          troubleshootingEmailAt = at;
        }
        if (roles.testPrompt.has(key) && (testPromptEmailAt === null || at < testPromptEmailAt)) testPromptEmailAt = at;
      }
      tally.add(query.by === null ? ALL_KEY : groupKeyOf(byValue), {
        start,
        createdAt: parseTime(createdAt) ?? null,
        events: mine,
        troubleshootingEmailAt,
        testPromptEmailAt,
      });
      done++;
      if (onProgress && done % PROGRESS_EVERY === 0) onProgress(done, total);
    }
  } finally {
    // Both, even when one fails (a broken connection fails them all).
    await Promise.allSettled([events.close(), emails.close()]);
  }
  onProgress?.(done, Math.max(done, total));
  return {
    report: {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      by: query.by,
      groups: tally.groups(),
    },
    details: { groups: tally.details() },
  };
}
