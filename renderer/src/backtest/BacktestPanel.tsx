import './backtest.css';
import { useEffect, useState } from 'react';
import { useAppStore, useAppStoreApi } from '../store/context';
import { selectDraft } from '../store/selectors';
import { Icon } from '../ui/Icon';
import { ProgressBar } from '../ui/ProgressBar';
import { BacktestResults } from './BacktestResults';
import { PeriodPicker } from './PeriodPicker';
import { selectBacktestStale } from './selectors';

/**
 * The backtest on the canvas: pick a period, replay the stored events through this draft (on the
 * host's worker thread, with progress and cancel), and see what it would have done: counts on
 * every card and connection, emails per day, and the differences from the live version in words.
 */
export function BacktestPanel() {
  const store = useAppStoreApi();
  const open = useAppStore((state) => state.backtestOpen);
  const period = useAppStore((state) => state.backtestPeriod);
  const journey = useAppStore(selectDraft);
  const run = useAppStore((state) => (state.backtest?.journeyId === state.editor?.journeyId ? state.backtest : null));
  const stale = useAppStore(selectBacktestStale);
  // Folded, the panel leaves the canvas (and the counts on it) in view.
  const [folded, setFolded] = useState(false);
  useEffect(() => (open ? store.getState().watchBacktestProgress() : undefined), [open, store]);

  if (!open) {
    return (
      <button
        type="button"
        className="backtest-open button"
        data-testid="open-backtest"
        title="What would this draft have sent to the people already in your data?"
        onClick={() => store.getState().setBacktestOpen(true)}
      >
        <Icon name="history" size={15} />
        Backtest
      </button>
    );
  }
  const running = run?.status === 'running';
  const close = () => {
    setFolded(false);
    store.getState().setBacktestOpen(false);
  };
  if (folded && run?.status === 'done' && run.draft) {
    const total = (type: string) =>
      run.draft?.by_node.filter((c) => c.type === type).reduce((sum, c) => sum + c.count, 0) ?? 0;
    return (
      <div className="backtest-folded" data-testid="backtest-folded">
        <Icon name="history" size={15} />
        <span>
          Backtest: <strong>{total('email').toLocaleString()}</strong> emails,{' '}
          <strong>{total('enter').toLocaleString()}</strong> entries
        </span>
        <button
          type="button"
          className="button button--small"
          data-testid="unfold-backtest"
          onClick={() => setFolded(false)}
        >
          Details
        </button>
        <button type="button" className="icon-button" aria-label="Close the backtest" onClick={close}>
          <Icon name="close" size={15} />
        </button>
      </div>
    );
  }
  return (
    <section className="backtest-panel" data-testid="backtest-panel" aria-label="Backtest">
      <header className="backtest-panel__header">
        <h3 className="backtest-panel__title">Backtest</h3>
        <span className="backtest-panel__tools">
          {run?.status === 'done' && (
            <button
              type="button"
              className="link-button"
              data-testid="fold-backtest"
              title="Fold the panel: the counts stay on the canvas"
              onClick={() => setFolded(true)}
            >
              Fold
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label="Close the backtest"
            data-testid="close-backtest"
            onClick={close}
          >
            <Icon name="close" size={16} />
          </button>
        </span>
      </header>
      <p className="backtest-panel__intro">
        Replays the events you stored through this draft: what it would have sent, nothing sent now.
      </p>
      <PeriodPicker period={period} disabled={running} onChange={(next) => store.getState().setBacktestPeriod(next)} />
      <div className="backtest-panel__actions">
        {running ? (
          <ProgressBar
            progress={run.progress}
            label="Replaying people"
            testId="backtest-progress"
            onCancel={() => void store.getState().cancelBacktest()}
            cancelTestId="cancel-backtest"
          />
        ) : (
          <button
            type="button"
            className="button button--primary button--small"
            data-testid="run-backtest"
            onClick={() => void store.getState().runBacktest()}
          >
            {run?.status === 'done' ? 'Run again' : 'Run backtest'}
          </button>
        )}
      </div>
      {run?.status === 'cancelled' && <p className="panel-message">Cancelled.</p>}
      {run?.status === 'failed' && (
        <p className="backtest-note backtest-note--error" role="alert">
          The backtest failed: {run.error}
        </p>
      )}
      {run?.status === 'done' && run.draft && journey && (
        <BacktestResults journey={journey} draft={run.draft} live={run.live} stale={stale} />
      )}
    </section>
  );
}
