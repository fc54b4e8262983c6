import type { FunnelGroup, FunnelGroupDetails } from '../../../shared/metrics/funnel-types';
import { stepLabel, stepsTable } from '../model/funnelTables';
import { formatCount, formatDuration, formatRate, formatStepChange } from '../model/metricsFormat';
import { BarChart } from '../ui/charts/BarChart';
import { LineChart } from '../ui/charts/LineChart';

function Stat({
  label,
  value,
  detail,
  testId,
  title,
}: {
  label: string;
  value: string;
  detail?: string;
  testId: string;
  title?: string;
}) {
  return (
    <div className="metric-stat" data-testid={testId} title={title}>
      <span className="metric-stat__label">{label}</span>
      <strong className="metric-stat__value">{value}</strong>
      {detail && <span className="metric-stat__detail">{detail}</span>}
    </div>
  );
}

/** One group's six metrics as figures, then its funnel, time to connect and weekly trend as charts. */
export function FunnelGroupPanel({ group, details }: { group: FunnelGroup; details: FunnelGroupDetails | undefined }) {
  // The same rows as the steps table and its CSV: drawn here, not worked out again.
  const steps = stepsTable(group, details).rows.map(([event, users, lost, gap], i) => ({
    label: stepLabel(String(event)),
    value: Number(users),
    note:
      i > 0
        ? `${formatStepChange(lost as number | null)}${gap != null ? ` · ${formatDuration(Number(gap))}` : ''}`
        : undefined,
  }));
  const activation = details?.activation;
  return (
    <>
      <div className="metric-stats" data-testid="metric-stats">
        <Stat
          testId="stat-connected"
          label="Started → connected"
          value={formatRate(group.start_to_connected_rate)}
          detail={`${formatCount(group.connected)} of ${formatCount(group.started)} users`}
        />
        <Stat
          testId="stat-time"
          label="Sign-up → connected"
          value={formatDuration(group.signup_to_connected_ms.median)}
          detail={`median; 90% within ${formatDuration(group.signup_to_connected_ms.p90)}`}
        />
        <Stat
          testId="stat-errors"
          label="Errors that repeat"
          value={formatRate(group.error_recurrence_rate)}
          detail={
            details
              ? `${formatCount(details.errors.repeated)} of ${formatCount(details.errors.users)} with an error`
              : undefined
          }
        />
        <Stat
          testId="stat-tests"
          label="Test events that worked"
          value={formatRate(group.test_event_success_rate)}
          detail={
            details
              ? `connected or synced within 24 h: ${formatCount(details.tests.succeeded)} of ${formatCount(details.tests.users)}`
              : undefined
          }
        />
        <Stat
          testId="stat-activation"
          label="Activation"
          title={activation?.event ? `Users with ${activation.event} after starting` : undefined}
          value={
            activation?.event
              ? `${formatRate(group.activation.completed)} vs ${formatRate(group.activation.not_completed)}`
              : '–'
          }
          detail={activation?.event ? `${activation.event}: connected vs not` : 'choose an activation event above'}
        />
      </div>
      <div className="metrics-charts">
        <figure className="report-card metrics-chart metrics-chart--wide">
          <figcaption className="report-card__title">Funnel</figcaption>
          <p className="report-card__description">
            Users who did each step after starting; under each: the drop from the step before and the median time it
            took.
          </p>
          <BarChart title={`Setup funnel for ${group.key}`} data={steps} height={260} testId="chart-funnel" />
        </figure>
        <figure className="report-card metrics-chart">
          <figcaption className="report-card__title">Time from sign-up to connected</figcaption>
          <p className="report-card__description">Connected users with a sign-up time (createdAt).</p>
          <BarChart
            title="Users by time from sign-up to connected"
            data={(details?.timeToConnect ?? []).map((b) => ({ label: b.label, value: b.users }))}
            testId="chart-time-to-connect"
          />
        </figure>
        <figure className="report-card metrics-chart">
          <figcaption className="report-card__title">Started → connected, by week</figcaption>
          <p className="report-card__description">By the week (from Monday, UTC) users first started.</p>
          <LineChart
            title="Start to connected rate by week"
            data={(details?.weekly ?? []).map((w) => ({ label: w.week.slice(5), value: w.rate }))}
            format={(n) => `${Math.round(n * 100)}%`}
            testId="chart-weekly"
          />
        </figure>
      </div>
    </>
  );
}
