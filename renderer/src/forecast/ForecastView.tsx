import '../ui/views.css';
import './forecast.css';
import { useEffect } from 'react';
import type { ForecastResult } from '../../../shared/api/backtest';
import { seriesOf, utcDays } from '../model/dailySeries';
import { forecastCsv } from '../model/forecastCsv';
import { useAppStore, useAppStoreApi } from '../store/context';
import { BarChart } from '../ui/BarChart';
import { downloadText } from '../ui/download';
import { Icon } from '../ui/Icon';
import { ProgressBar } from '../ui/ProgressBar';

const DAY = 86_400_000;
const DAY_CHOICES = [7, 14, 30] as const;
const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toLocaleString();

/**
 * The next days' emails of the live journeys: what the users in flight will get if nobody acts
 * (the upper bound on the reminders), what to expect given how often people acted in the last 30 days, and new
 * entries at the recent rate, with caps, quiet hours and the sending rate applied. Chart and CSV.
 */
export function ForecastView() {
  const store = useAppStoreApi();
  const days = useAppStore((state) => state.forecastDays);
  const run = useAppStore((state) => state.forecast);
  useEffect(() => store.getState().watchForecastProgress(), [store]);
  // The first visit forecasts at once; later visits keep the last one until asked again.
  useEffect(() => {
    if (!store.getState().forecast) void store.getState().runForecast();
  }, [store]);
  const running = run?.status === 'running';
  const result = run?.status === 'done' ? run.result : null;
  return (
    <section className="view forecast-view" aria-labelledby="forecast-title" data-testid="forecast-view">
      <header className="view__header">
        <div>
          <h2 className="view__title" id="forecast-title">
            Forecast
          </h2>
          <p className="view__subtitle">The emails your live journeys will send in the next days.</p>
        </div>
        <div className="view__actions">
          <label className="forecast-days">
            <span>Next</span>
            <select
              className="input"
              data-testid="forecast-days"
              value={days}
              disabled={running}
              onChange={(event) => store.getState().setForecastDays(Number(event.target.value))}
            >
              {DAY_CHOICES.map((n) => (
                <option key={n} value={n}>
                  {n} days
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button button--primary"
            data-testid="run-forecast"
            disabled={running}
            onClick={() => void store.getState().runForecast()}
          >
            Forecast
          </button>
          <button
            type="button"
            className="button"
            data-testid="forecast-csv"
            disabled={!result}
            onClick={() =>
              result &&
              downloadText(`forecast-${new Date(result.from).toISOString().slice(0, 10)}.csv`, forecastCsv(result))
            }
          >
            <Icon name="download" size={15} />
            CSV
          </button>
        </div>
      </header>
      <div className="view__scroll forecast-view__body">
        {running && (
          <div className="forecast-progress">
            <ProgressBar
              progress={run.progress}
              label="Learning from the last 30 days"
              testId="forecast-progress"
              onCancel={() => void store.getState().cancelForecast()}
              cancelTestId="cancel-forecast"
            />
          </div>
        )}
        {run?.status === 'failed' && (
          <p className="view__banner view__banner--error" role="alert">
            The forecast failed: {run.error}
          </p>
        )}
        {run?.status === 'cancelled' && <p className="panel-message">Cancelled.</p>}
        {result && <ForecastResults result={result} />}
      </div>
    </section>
  );
}

function ForecastResults({ result }: { result: ForecastResult }) {
  const days = utcDays(result.from, result.from + result.days * DAY);
  const key = (journeyId: string, nodeId: string) => `${journeyId}\u0000${nodeId}`;
  const order = result.emails.map((e) => key(e.journeyId, e.nodeId));
  const titles = new Map(result.emails.map((e) => [key(e.journeyId, e.nodeId), e]));
  const journeys = new Map(result.emails.map((e) => [e.journeyId, e.journey]));
  const rows = (field: 'expected' | 'upper') =>
    result.emails_per_day.map((r) => ({ day: r.day, key: key(r.journeyId, r.nodeId), amount: r[field] }));
  const expected = seriesOf(rows('expected'), days, order).map((s) => ({
    ...s,
    label: titles.get(s.key)?.title ?? s.key,
  }));
  const upper = seriesOf(rows('upper'), days, order);
  const upperPerDay = days.map((_, i) => upper.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const total = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  if (result.emails.length === 0) {
    return (
      <p className="forecast-empty" data-testid="forecast-empty">
        No journey is live: publish one, and its emails show here.
      </p>
    );
  }
  return (
    <div className="forecast-results" data-testid="forecast-results">
      <dl className="forecast-totals">
        <div>
          <dt>Expected emails</dt>
          <dd data-testid="forecast-expected">{oneDecimal(total(expected.flatMap((s) => s.values)))}</dd>
        </div>
        <div>
          <dt>If nobody acts</dt>
          <dd data-testid="forecast-upper">{total(upperPerDay).toLocaleString()}</dd>
        </div>
        <div>
          <dt>People in flight</dt>
          <dd data-testid="forecast-in-flight">{result.inFlight.toLocaleString()}</dd>
        </div>
      </dl>
      <BarChart
        days={days}
        series={expected}
        outline={upperPerDay}
        label={`Expected emails per day for the next ${result.days} days`}
        testId="forecast-chart"
        format={oneDecimal}
        width={940}
      />
      <table className="forecast-table" data-testid="forecast-table">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Journey</th>
            <th scope="col">Expected</th>
            <th scope="col">If nobody acts</th>
          </tr>
        </thead>
        <tbody>
          {result.emails.map((email) => {
            const id = key(email.journeyId, email.nodeId);
            const sum = (field: 'expected' | 'upper') =>
              result.emails_per_day
                .filter((r) => r.journeyId === email.journeyId && r.nodeId === email.nodeId)
                .reduce((s, r) => s + r[field], 0);
            return (
              <tr key={id} data-testid="forecast-row" data-node-id={email.nodeId}>
                <td>{email.title}</td>
                <td>{email.journey}</td>
                <td>{oneDecimal(sum('expected'))}</td>
                <td>{sum('upper').toLocaleString()}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ul className="forecast-notes">
        <li>
          If nobody acts, every pending reminder goes out and nobody moves on. Expected also follows the people who act
          on to later emails, so a later email can expect more than if nobody acts.
        </li>
        <li>
          New entries a day, at the last 14 days' rate:{' '}
          {result.entriesPerDay.map((e) => `${journeys.get(e.journeyId) ?? e.journeyId} ${e.perDay}`).join(', ') ||
            'none'}
          .
        </li>
        {result.limits.map((limit) => (
          <li key={limit}>{limit}</li>
        ))}
      </ul>
    </div>
  );
}
