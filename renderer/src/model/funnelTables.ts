import { humanizeEvent } from '../../../shared/journey/humanize';
import { type CsvCell, toCsv } from '../../../shared/metrics/csv';
import type { FunnelGroup, FunnelGroupDetails } from '../../../shared/metrics/funnel-types';
import { dropOff } from './metricsFormat';

/** One table of the Metrics view, as raw numbers: the screen formats them, the CSV keeps them as they are. */
export interface NumberTable {
  header: string[];
  rows: CsvCell[][];
}

export const tableCsv = (table: NumberTable) => toCsv(table.header, table.rows);

/** Each step of one group: users, the drop-off from the step before, and the median time from it. */
export function stepsTable(group: FunnelGroup, details: FunnelGroupDetails | undefined): NumberTable {
  return {
    header: ['step', 'users', 'drop_off_from_previous', 'median_ms_from_previous'],
    rows: group.steps.map((step, i) => {
      const before = group.steps[i - 1];
      return [
        step.event,
        step.users,
        before ? dropOff(before.users, step.users) : null,
        i > 0 ? (details?.stepGaps[i - 1]?.medianMs ?? null) : null,
      ];
    }),
  };
}

export function weeklyTable(details: FunnelGroupDetails | undefined): NumberTable {
  return {
    header: ['week_starting', 'started', 'connected', 'start_to_connected_rate'],
    rows: (details?.weekly ?? []).map((w) => [w.week, w.started, w.connected, w.rate]),
  };
}

export function timeToConnectTable(details: FunnelGroupDetails | undefined): NumberTable {
  return {
    header: ['signup_to_connected', 'users'],
    rows: (details?.timeToConnect ?? []).map((b) => [b.label, b.users]),
  };
}

/** The seed's "after troubleshooting emails" and "after setup reminders", per group. */
export function followUpsTable(groups: readonly FunnelGroupDetails[]): NumberTable {
  return {
    header: [
      'key',
      'troubleshooting_sent',
      'saw_same_error_again',
      'error_recurrence_after_troubleshooting',
      'test_prompt_sent',
      'sent_test_event_after',
      'test_events_after_prompt_rate',
    ],
    rows: groups.map((g) => [
      g.key,
      g.troubleshooting.sent,
      g.troubleshooting.repeated,
      g.troubleshooting.rate,
      g.testPrompt.sent,
      g.testPrompt.tested,
      g.testPrompt.rate,
    ]),
  };
}

/** A step's name as the funnel chart labels it: "API key created". */
export const stepLabel = (event: string) => humanizeEvent(event);
