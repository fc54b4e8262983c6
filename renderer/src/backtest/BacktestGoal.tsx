import type { GoalCounts } from '../../../shared/api/backtest';
import type { Journey } from '../../../shared/journey/schema';
import { goalWords } from '../model/backtestGoal';

/** The journey's goal in a backtest: entries that reached it, against live, the holdout, per email. */
export function BacktestGoal({
  journey,
  draft,
  live,
}: {
  journey: Journey;
  draft: GoalCounts;
  live: GoalCounts | null;
}) {
  const words = goalWords(journey, draft, live);
  return (
    <div className="backtest-goal" data-testid="backtest-goal">
      <p data-testid="backtest-goal-headline">{words.headline}</p>
      {words.live && <p className="backtest-goal__aside">{words.live}</p>}
      {words.holdout && <p className="backtest-goal__aside">{words.holdout}</p>}
      {words.emails.length > 0 && (
        <ul className="backtest-exits" aria-label="Reached the goal after each email">
          {words.emails.map((e) => (
            <li key={e.nodeId} data-testid="backtest-goal-email" data-node-id={e.nodeId}>
              <span>After “{e.title}”</span> <strong>{e.words}</strong>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
