import type { BacktestCounts } from '../../../shared/api/backtest';
import type { Journey } from '../../../shared/journey/schema';
import { compareBacktests } from '../model/backtestCompare';
import { seriesOf, utcDays } from '../model/dailySeries';
import { BarChart } from '../ui/BarChart';
import { BacktestGoal } from './BacktestGoal';

/** What the draft would have done in the period: totals, emails per day, goal, exits, and against live. */
export function BacktestResults({
  journey,
  draft,
  live,
  stale,
}: {
  journey: Journey;
  draft: BacktestCounts;
  live: BacktestCounts | null;
  stale: boolean;
}) {
  const emails = draft.by_node.filter((c) => c.type === 'email').reduce((sum, c) => sum + c.count, 0);
  const entered = draft.by_node.filter((c) => c.type === 'enter').reduce((sum, c) => sum + c.count, 0);
  const titles = new Map(journey.nodes.map((n) => [n.id, n.title ?? n.id]));
  const days = utcDays(draft.from, draft.to);
  const emailNodes = journey.nodes.filter((n) => n.type === 'email').map((n) => n.id);
  const series = seriesOf(
    draft.emails_per_day.map((d) => ({ day: d.day, key: d.nodeId, amount: d.count })),
    days,
    emailNodes,
  ).map((s) => ({ ...s, label: titles.get(s.key) ?? s.key }));
  const differences = live ? compareBacktests(journey, draft, live) : [];
  return (
    <div className="backtest-results" data-testid="backtest-results">
      {stale && (
        <p className="backtest-note" data-testid="backtest-stale">
          The draft changed since this backtest: run it again to count the change.
        </p>
      )}
      <dl className="backtest-totals">
        <div>
          <dt title="People with at least one outcome in the period: entered, emailed, skipped or left">People</dt>
          <dd data-testid="backtest-users">{draft.users.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Entered</dt>
          <dd data-testid="backtest-entered">{entered.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Emails</dt>
          <dd data-testid="backtest-emails">{emails.toLocaleString()}</dd>
        </div>
      </dl>
      <h4 className="backtest-heading">Emails per day</h4>
      {series.length > 0 ? (
        <BarChart
          days={days}
          series={series}
          label="Emails per day in the backtest"
          testId="backtest-chart"
          width={320}
        />
      ) : (
        <p className="panel-message">No email in this period.</p>
      )}
      {draft.goal && (
        <>
          <h4 className="backtest-heading">Goal</h4>
          <BacktestGoal journey={journey} draft={draft.goal} live={live?.goal ?? null} />
        </>
      )}
      <h4 className="backtest-heading">Draft against the live version</h4>
      {!live ? (
        <p className="panel-message">Not published yet: there is no live version to compare with.</p>
      ) : differences.length === 0 ? (
        <p className="panel-message" data-testid="backtest-same">
          Same counts as the live version at every step.
        </p>
      ) : (
        <ul className="backtest-differences">
          {differences.map((d) => (
            <li key={`${d.nodeId}:${d.what}`} data-testid="backtest-difference" data-node-id={d.nodeId}>
              {d.words}
            </li>
          ))}
        </ul>
      )}
      {draft.exits.length > 0 && (
        <>
          <h4 className="backtest-heading">Why people left</h4>
          <ul className="backtest-exits">
            {draft.exits.map((e) => (
              <li key={e.reason}>
                <span>{e.reason.replaceAll('_', ' ')}</span> <strong>{e.count.toLocaleString()}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
