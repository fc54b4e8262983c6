import './metrics.css';
import '../ui/views.css';
import { useEffect, useState } from 'react';
import { describePeriod } from '../model/period';
import { useAppStore, useAppStoreApi } from '../store/context';
import { PeriodPicker } from '../ui/PeriodPicker';
import { ReportProgress } from '../ui/ReportProgress';
import { FunnelControls } from './FunnelControls';
import { FunnelGroupPanel } from './FunnelGroupPanel';
import { FunnelTables } from './FunnelTables';

/**
 * The setup funnel: of the users who started an integration in the period, how many got through
 * each step, how fast, with how many repeated errors, and what that means for activation. Broken
 * down by integration type, role, source or any trait; every table downloads as CSV.
 */
export function MetricsView() {
  const store = useAppStoreApi();
  const period = useAppStore((state) => state.metricsPeriod);
  const answer = useAppStore((state) => state.funnel);
  const load = useAppStore((state) => state.funnelLoad);
  const progress = useAppStore((state) => state.funnelProgress);
  const [chosen, setChosen] = useState<string | null>(null);

  useEffect(() => store.getState().watchReport('funnel'), [store]);

  const groups = answer?.report.groups ?? [];
  // Until one is chosen, the largest group (the first of equals).
  const largest = groups.reduce<(typeof groups)[number] | undefined>(
    (best, g) => (!best || g.started > best.started ? g : best),
    undefined,
  );
  const key = groups.some((g) => g.key === chosen) ? chosen : (largest?.key ?? null);
  const group = groups.find((g) => g.key === key);
  const details = answer?.details.groups.find((g) => g.key === key);

  return (
    <section className="view" aria-labelledby="metrics-title" data-testid="metrics-view">
      <header className="view__header metrics-header">
        <div>
          <h1 className="view__title" id="metrics-title">
            Setup funnel
          </h1>
          <p className="view__subtitle">
            Users who first started an integration {describePeriod(period)} (UTC): do they connect, and how fast?
          </p>
        </div>
        <div className="view__actions">
          <PeriodPicker value={period} onChange={(next) => store.getState().setMetricsPeriod(next)} />
          <button
            type="button"
            className="button"
            data-testid="metrics-refresh"
            disabled={load.status === 'loading'}
            onClick={() => void store.getState().loadFunnel()}
          >
            Refresh
          </button>
        </div>
      </header>
      <FunnelControls activationEvent={answer?.activationEvent ?? null} />
      {load.status === 'loading' && <ReportProgress progress={progress} label="Measuring the funnel…" />}
      {load.status === 'error' && (
        <p className="view__banner view__banner--error" role="alert">
          Could not measure the funnel: {load.error}
        </p>
      )}
      <div className="view__scroll">
        <div className="metrics" data-testid="metrics-body" aria-busy={load.status === 'loading'}>
          {answer && groups.length > 1 && (
            <div className="metrics-groups" role="tablist" aria-label="Group">
              {groups.map((g) => (
                <button
                  key={g.key}
                  type="button"
                  role="tab"
                  aria-selected={g.key === key}
                  className={`metrics-groups__item${g.key === key ? ' metrics-groups__item--on' : ''}`}
                  data-testid={`metrics-group-${g.key}`}
                  onClick={() => setChosen(g.key)}
                >
                  {g.key} <span className="metrics-groups__count">{g.started.toLocaleString('en-US')}</span>
                </button>
              ))}
            </div>
          )}
          {answer && group && group.started === 0 && (
            <p className="metrics-empty" data-testid="metrics-empty">
              Nobody started an integration in this period. Users appear here when your product sends
              <code> integration_started</code>; pick a longer period, or see Settings for how to send events.
            </p>
          )}
          {answer && group && group.started > 0 && <FunnelGroupPanel group={group} details={details} />}
          {answer && <FunnelTables answer={answer} period={period} selected={group} selectedDetails={details} />}
        </div>
      </div>
    </section>
  );
}
