import { toCsv } from './csv';
import { FUNNEL_STEPS, type FunnelReport } from './funnel-types';

/** The funnel table's columns: the JSON report's fields, nested ones as `parent.child`. */
export const FUNNEL_CSV_HEADER = [
  'key',
  'started',
  'connected',
  'start_to_connected_rate',
  'signup_to_connected_ms.median',
  'signup_to_connected_ms.p90',
  ...FUNNEL_STEPS.map((step) => `steps.${step}`),
  'error_recurrence_rate',
  'test_event_success_rate',
  'activation.completed',
  'activation.not_completed',
];

/**
 * The funnel report as CSV, one row per group: what `dripagent report funnel --csv` prints and the
 * Metrics view downloads.
 * @example funnelCsv(report).split('\r\n')[0] // 'key,started,connected,…'
 */
export function funnelCsv(report: FunnelReport): string {
  return toCsv(
    FUNNEL_CSV_HEADER,
    report.groups.map((g) => [
      g.key,
      g.started,
      g.connected,
      g.start_to_connected_rate,
      g.signup_to_connected_ms.median,
      g.signup_to_connected_ms.p90,
      ...FUNNEL_STEPS.map((step) => g.steps.find((s) => s.event === step)?.users ?? 0),
      g.error_recurrence_rate,
      g.test_event_success_rate,
      g.activation.completed,
      g.activation.not_completed,
    ]),
  );
}
