import { funnelCsv } from '../../../shared/metrics/funnel-csv';
import type { FunnelGroup, FunnelGroupDetails } from '../../../shared/metrics/funnel-types';
import {
  followUpsTable,
  stepLabel,
  stepsTable,
  tableCsv,
  timeToConnectTable,
  weeklyTable,
} from '../model/funnelTables';
import { formatCount, formatDuration, formatRate, formatStepChange } from '../model/metricsFormat';
import type { DayPeriod } from '../model/period';
import type { FunnelAnswer } from '../store/metricsSlice';
import { ReportTable } from '../ui/ReportTable';

/** Every table of the Metrics view, each with its CSV: the groups (as `dripagent report funnel --csv`), steps, weeks, follow-ups. */
export function FunnelTables({
  answer,
  period,
  selected,
  selectedDetails,
}: {
  answer: FunnelAnswer;
  period: DayPeriod;
  selected: FunnelGroup | undefined;
  selectedDetails: FunnelGroupDetails | undefined;
}) {
  const { report } = answer;
  const suffix = `${period.from}-to-${period.to}${report.by ? `-by-${report.by}` : ''}`;
  const steps = selected ? stepsTable(selected, selectedDetails) : undefined;
  const weekly = weeklyTable(selectedDetails);
  const buckets = timeToConnectTable(selectedDetails);
  const followUps = followUpsTable(answer.details.groups);
  const groupName = selected && report.by ? ` (${report.by}: ${selected.key})` : '';
  return (
    <div className="metrics-tables">
      <ReportTable
        title={report.by ? `By ${report.by}` : 'All users'}
        description="The report's numbers, as dripagent report funnel prints them."
        testId="funnel-table"
        fileName={`funnel-${suffix}.csv`}
        csv={() => funnelCsv(report)}
        header={[
          'Group',
          'Started',
          'Connected',
          'Rate',
          'Sign-up → connected (median)',
          'p90',
          'Errors repeat',
          'Tests worked',
          'Activation: connected',
          'not connected',
        ]}
        rows={report.groups.map((g) => [
          g.key,
          formatCount(g.started),
          formatCount(g.connected),
          formatRate(g.start_to_connected_rate),
          formatDuration(g.signup_to_connected_ms.median),
          formatDuration(g.signup_to_connected_ms.p90),
          formatRate(g.error_recurrence_rate),
          formatRate(g.test_event_success_rate),
          formatRate(g.activation.completed),
          formatRate(g.activation.not_completed),
        ])}
      />
      {steps && (
        <ReportTable
          title={`Steps${groupName}`}
          testId="steps-table"
          fileName={`funnel-steps-${suffix}${selected && report.by ? `-${selected.key}` : ''}.csv`}
          csv={() => tableCsv(steps)}
          header={['Step', 'Users', 'Change from previous', 'Median time from previous']}
          rows={steps.rows.map(([event, users, drop, gap]) => [
            stepLabel(String(event)),
            formatCount(Number(users)),
            formatStepChange(drop === null ? null : Number(drop)),
            gap === null ? '–' : formatDuration(Number(gap)),
          ])}
        />
      )}
      <div className="metrics-tables__pair">
        <ReportTable
          title={`By week${groupName}`}
          testId="weekly-table"
          fileName={`funnel-weekly-${suffix}.csv`}
          csv={() => tableCsv(weekly)}
          header={['Week starting', 'Started', 'Connected', 'Rate']}
          rows={weekly.rows.map(([week, started, connected, rate]) => [
            String(week),
            formatCount(Number(started)),
            formatCount(Number(connected)),
            formatRate(rate === null ? null : Number(rate)),
          ])}
        />
        <ReportTable
          title={`Time to connect${groupName}`}
          testId="time-table"
          fileName={`funnel-time-to-connect-${suffix}.csv`}
          csv={() => tableCsv(buckets)}
          header={['Sign-up → connected', 'Users']}
          rows={buckets.rows.map(([label, users]) => [String(label), formatCount(Number(users))])}
        />
      </div>
      <ReportTable
        title="After emails"
        description="Of users sent a troubleshooting email: how many saw the same error code again after it. Of users sent a test-event prompt: how many then sent a test event."
        testId="followups-table"
        fileName={`funnel-after-emails-${suffix}.csv`}
        csv={() => tableCsv(followUps)}
        header={[
          'Group',
          'Troubleshooting sent',
          'Same error again',
          'Rate',
          'Test prompt sent',
          'Sent a test event',
          'Rate',
        ]}
        rows={answer.details.groups.map((g) => [
          g.key,
          formatCount(g.troubleshooting.sent),
          formatCount(g.troubleshooting.repeated),
          formatRate(g.troubleshooting.rate),
          formatCount(g.testPrompt.sent),
          formatCount(g.testPrompt.tested),
          formatRate(g.testPrompt.rate),
        ])}
      />
    </div>
  );
}
