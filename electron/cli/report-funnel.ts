import { funnelCsv } from '../../shared/metrics/funnel-csv';
import type { FunnelGroup, FunnelReport } from '../../shared/metrics/funnel-types';
import { isQuotableName } from '../../shared/metrics/trait-name';
import { buildEmailRoleIndex } from '../metrics/email-role-index';
import { runFunnelReport } from '../metrics/funnel-report';
import { percent } from './percent';
import { flagValue, periodFromFlags } from './period';
import { withReportSources } from './report-sources';

/** `dripagent report funnel`: the seed's setup funnel for users who started in the period. */
export async function reportFunnel(flags: Record<string, string[]>): Promise<number> {
  let query: { from: number; to: number; by: string | null; activation: string | undefined };
  try {
    const by = flagValue(flags, 'by') ?? null;
    if (by !== null && !isQuotableName(by))
      throw new Error('--by must name a trait or integration_type (no double quote, backslash or control character)');
    query = { ...periodFromFlags(flags, Date.now()), by, activation: flagValue(flags, 'activation-event') };
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  return withReportSources(flags, async ({ sources, activationEvent: chosen }) => {
    const activationEvent = query.activation ?? chosen;
    const progress = process.stderr.isTTY
      ? (done: number, total: number) =>
          process.stderr.write(`\r${done.toLocaleString()} of ${total.toLocaleString()} users`)
      : undefined;
    const { report } = await runFunnelReport(
      sources.reports.funnel,
      await buildEmailRoleIndex(sources.journeys),
      { from: query.from, to: query.to, by: query.by, activationEvent },
      progress,
    );
    if (progress) process.stderr.write('\r\x1b[K');
    if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else if (flags.csv) process.stdout.write(funnelCsv(report));
    else process.stdout.write(funnelText(report, activationEvent));
    return 0;
  });
}

const hours = (ms: number | null) => (ms === null ? '–' : `${(ms / 3_600_000).toFixed(1)} h`);

function groupText(g: FunnelGroup, activationEvent: string | null): string {
  const steps = g.steps.map((s) => `${s.event} ${s.users}`).join(' → ');
  const lines = [
    `${g.key}: ${g.started} started, ${g.connected} connected (${percent(g.start_to_connected_rate)})`,
    `  sign-up → connected: median ${hours(g.signup_to_connected_ms.median)}, p90 ${hours(g.signup_to_connected_ms.p90)}`,
    `  steps: ${steps}`,
    `  error recurrence ${percent(g.error_recurrence_rate)} · test event success ${percent(g.test_event_success_rate)}`,
  ];
  if (activationEvent !== null) {
    lines.push(
      `  ${activationEvent}: ${percent(g.activation.completed)} of connected, ${percent(g.activation.not_completed)} of not connected`,
    );
  }
  return lines.join('\n');
}

function funnelText(report: FunnelReport, activationEvent: string | null): string {
  const head = `Setup funnel: users whose first integration_started is in [${report.from}, ${report.to})${report.by ? `, by ${report.by}` : ''}`;
  return `${head}\n\n${report.groups.map((g) => groupText(g, activationEvent)).join('\n\n')}\n`;
}
