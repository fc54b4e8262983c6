import type { BacktestCounts } from '../../../shared/api/backtest';
import type { BacktestRun } from '../store/backtestSlice';
import type { AppState } from '../store/types';

/** The backtest drawn on the canvas: the panel is open and its result is for the open journey. */
export function selectShownBacktest(state: AppState): (BacktestRun & { draft: BacktestCounts }) | null {
  const run = state.backtest;
  if (!state.backtestOpen || !run?.draft || run.journeyId !== state.editor?.journeyId) return null;
  return run as BacktestRun & { draft: BacktestCounts };
}

/** True when the draft changed since the backtest shown ran: its counts are of the draft as it was. */
export function selectBacktestStale(state: AppState): boolean {
  const run = state.backtest;
  return !!run && run.status === 'done' && run.revision !== state.editor?.contentRevision;
}
