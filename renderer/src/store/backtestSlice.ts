import type { ApiClient } from '../../../shared/api';
import type { BacktestCounts } from '../../../shared/api/backtest';
import { newJobId, type ReplayProgress, type ReplayStatus } from './replayJob';
import { slice } from './slice';

const DAY = 86_400_000;

/** One backtest of the open draft (and its live version) over a period. */
export interface BacktestRun {
  journeyId: string;
  jobId: string;
  from: number;
  to: number;
  status: ReplayStatus;
  progress: ReplayProgress | null;
  draft: BacktestCounts | null;
  live: BacktestCounts | null;
  error: string | null;
  /** The draft's content revision it ran on: an edit since makes its counts stale. */
  revision: number;
}

export interface BacktestSlice {
  /** Whether the backtest panel is open on the canvas (its counts are drawn while it is). */
  backtestOpen: boolean;
  backtestPeriod: { from: number; to: number };
  backtest: BacktestRun | null;
  setBacktestOpen(open: boolean): void;
  setBacktestPeriod(period: { from: number; to: number }): void;
  /** Backtests the open draft over the chosen period, on the host's worker thread. */
  runBacktest(): Promise<void>;
  cancelBacktest(): Promise<void>;
  /** Follows the running backtest's progress pushes; returns stop. */
  watchBacktestProgress(): () => void;
}

/** The last 30 whole days, up to today's midnight (UTC). */
export function lastDays(days: number, now = Date.now()): { from: number; to: number } {
  const to = Math.ceil(now / DAY) * DAY;
  return { from: to - days * DAY, to };
}

export function createBacktestSlice(api: ApiClient) {
  return slice<BacktestSlice>((set, get) => ({
    backtestOpen: false,
    backtestPeriod: lastDays(30),
    backtest: null,

    setBacktestOpen(open) {
      set({ backtestOpen: open });
      if (!open && get().backtest?.status === 'running') void get().cancelBacktest();
    },

    setBacktestPeriod(period) {
      set({ backtestPeriod: period });
    },

    async runBacktest() {
      const editor = get().editor;
      if (!editor || get().backtest?.status === 'running') return;
      const { from, to } = get().backtestPeriod;
      const jobId = newJobId('bt');
      const run: BacktestRun = {
        journeyId: editor.journeyId,
        jobId,
        from,
        to,
        status: 'running',
        progress: null,
        draft: null,
        live: null,
        error: null,
        revision: editor.contentRevision,
      };
      set({ backtest: run });
      const result = await api.callResult('backtest.run', { jobId, journey: editor.journey, from, to });
      // A newer run (or a closed panel) replaced this one: its answer is of no use.
      if (get().backtest?.jobId !== jobId) return;
      if (!result.ok) set({ backtest: { ...run, status: 'failed', error: result.error.message } });
      else if (result.result.status === 'cancelled') set({ backtest: { ...run, status: 'cancelled' } });
      else set({ backtest: { ...run, status: 'done', draft: result.result.draft, live: result.result.live } });
    },

    async cancelBacktest() {
      const run = get().backtest;
      if (run?.status !== 'running') return;
      set({ backtest: { ...run, status: 'cancelled' } });
      await api.callResult('replay.cancel', { jobId: run.jobId });
    },

    watchBacktestProgress() {
      return api.on('replay.progress', ({ jobId, done, total }) => {
        const run = get().backtest;
        if (run?.jobId === jobId && run.status === 'running') set({ backtest: { ...run, progress: { done, total } } });
      });
    },
  }));
}
