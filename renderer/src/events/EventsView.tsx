import './events.css';
import '../metrics/metrics.css';
import '../ui/views.css';
import { useEffect } from 'react';
import { toCsv } from '../../../shared/metrics/csv';
import { formatCount, formatRate } from '../model/metricsFormat';
import { describePeriod } from '../model/period';
import { useAppStore, useAppStoreApi } from '../store/context';
import { Sparkbars } from '../ui/charts/Sparkbars';
import { PeriodPicker } from '../ui/PeriodPicker';
import { ReportProgress } from '../ui/ReportProgress';
import { ReportTable } from '../ui/ReportTable';

/** Shares past these look like an instrumentation problem rather than a messaging one. */
const WORRYING = 0.05;

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * Event health: which events are reliable enough to trigger messages. Per event name: volume per
 * day, users, events per user, duplicates dropped, late arrivals, and the properties journeys read
 * that events lack; traits users lack; users who connected with no start (a tracking gap).
 */
export function EventsView() {
  const store = useAppStoreApi();
  const period = useAppStore((state) => state.metricsPeriod);
  const health = useAppStore((state) => state.eventHealth);
  const load = useAppStore((state) => state.eventHealthLoad);
  useEffect(() => store.getState().watchReport('events'), [store]);
  const suffix = `${period.from}-to-${period.to}`;
  const gap = health?.tracking_gap;
  const flag = (part: number, whole: number) => {
    const s = share(part, whole);
    return (
      <span className={s !== null && s > WORRYING ? 'events-flag' : undefined}>
        {formatCount(part)} <span className="events-share">({formatRate(s)})</span>
      </span>
    );
  };
  return (
    <section className="view" aria-labelledby="events-title" data-testid="events-view">
      <header className="view__header metrics-header">
        <div>
          <h1 className="view__title" id="events-title">
            Event health
          </h1>
          <p className="view__subtitle">
            Is each event reliable enough to trigger messages? {describePeriod(period)} (UTC).
          </p>
        </div>
        <div className="view__actions">
          <PeriodPicker
            value={period}
            onChange={(next) => store.getState().setMetricsPeriod(next)}
            testId="events-period"
          />
          <button
            type="button"
            className="button"
            data-testid="events-refresh"
            disabled={load.status === 'loading'}
            onClick={() => void store.getState().loadEventHealth()}
          >
            Refresh
          </button>
        </div>
      </header>
      {load.status === 'loading' && <ReportProgress progress={null} label="Reading event counts…" />}
      {load.status === 'error' && (
        <p className="view__banner view__banner--error" role="alert">
          Could not read event health: {load.error}
        </p>
      )}
      <div className="view__scroll">
        <div className="events-health">
          {gap && (
            <p
              className={`events-gap${gap.without_start > 0 ? ' events-gap--warn' : ''}`}
              data-testid="tracking-gap"
              role="status"
            >
              <strong>Tracking gap:</strong>{' '}
              {gap.without_start > 0
                ? `${formatCount(gap.without_start)} of ${formatCount(gap.connected)} users who connected sent no integration_started before it. Journeys triggered by the start never saw them: check where your product tracks the start.`
                : gap.connected > 0
                  ? `none: every one of the ${formatCount(gap.connected)} users who connected sent integration_started first.`
                  : 'nobody connected in this period.'}
            </p>
          )}
          {health && (
            <ReportTable
              title="Events"
              description="Duplicates were posted again with a messageId already stored and dropped; late ones arrived more than an hour after they happened. Shares over 5% are marked."
              testId="events-table"
              fileName={`events-${suffix}.csv`}
              empty="No events in this period."
              csv={() =>
                toCsv(
                  ['event', 'events', 'users', 'events_per_user', 'duplicates_dropped', 'late', ...health.days],
                  health.events.map((e) => [e.name, e.total, e.users, e.per_user, e.duplicates, e.late, ...e.per_day]),
                )
              }
              header={[
                'Event',
                'Per day',
                'Events',
                'Users',
                'Per user',
                'Duplicates dropped',
                'Late',
                'Missing properties',
              ]}
              rows={health.events.map((e) => [
                e.name,
                <Sparkbars
                  key="days"
                  values={e.per_day}
                  label={`${e.name} per day: ${e.per_day.map((n, i) => `${health.days[i]} ${n}`).join(', ')}`}
                />,
                formatCount(e.total),
                formatCount(e.users),
                e.per_user === null ? '–' : e.per_user.toFixed(1),
                flag(e.duplicates, e.total + e.duplicates),
                flag(e.late, e.total),
                e.missing.length === 0 ? (
                  <span key="missing" className="events-share">
                    not read by journeys
                  </span>
                ) : (
                  <span key="missing" className="events-missing">
                    {e.missing.map((m) => (
                      <span
                        key={m.property}
                        className={m.share !== null && m.share > WORRYING ? 'events-flag' : undefined}
                      >
                        {m.property} {formatRate(m.share)}
                      </span>
                    ))}
                  </span>
                ),
              ])}
            />
          )}
          {health && (
            <ReportTable
              title="Traits journeys read"
              description="Of the users who sent any event in the period: how many lack the trait."
              testId="traits-table"
              fileName={`traits-${suffix}.csv`}
              empty="No journey reads a trait."
              csv={() =>
                toCsv(
                  ['trait', 'users', 'missing', 'missing_share'],
                  health.traits.map((t) => [t.trait, t.users, t.missing, t.share]),
                )
              }
              header={['Trait', 'Users', 'Missing']}
              rows={health.traits.map((t) => [t.trait, formatCount(t.users), flag(t.missing, t.users)])}
            />
          )}
          {health && health.events.length > 0 && (
            <ReportTable
              title="Missing properties"
              description="Properties journeys read (filters, conditions, templates), per event."
              testId="missing-table"
              fileName={`missing-properties-${suffix}.csv`}
              empty="Journeys read no event properties."
              csv={() =>
                toCsv(
                  ['event', 'property', 'events_missing', 'missing_share'],
                  health.events.flatMap((e) => e.missing.map((m) => [e.name, m.property, m.events, m.share])),
                )
              }
              header={['Event', 'Property', 'Missing']}
              rows={health.events.flatMap((e) => e.missing.map((m) => [e.name, m.property, flag(m.events, e.total)]))}
            />
          )}
        </div>
      </div>
    </section>
  );
}
