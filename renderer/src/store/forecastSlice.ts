import type { ApiClient } from '../../../shared/api';
import type { ForecastResult } from '../../../shared/api/backtest';
import { newJobId, type ReplayProgress, type ReplayStatus } from './replayJob';
import { slice } from './slice';

/** The forecast of the live journeys' emails, as last asked for. */
export interface ForecastRun {
  jobId: string;
  days: number;
  status: ReplayStatus;
  progress: ReplayProgress | null;
  result: ForecastResult | null;
  error: string | null;
}

export interface ForecastSlice {
  forecastDays: number;
  forecast: ForecastRun | null;
  setForecastDays(days: number): void;
  runForecast(): Promise<void>;
  cancelForecast(): Promise<void>;
  /** Follows the running forecast's progress pushes; returns stop. */
  watchForecastProgress(): () => void;
}

export function createForecastSlice(api: ApiClient) {
  return slice<ForecastSlice>((set, get) => ({
    forecastDays: 14,
    forecast: null,

    setForecastDays(days) {
      set({ forecastDays: days });
    },

    async runForecast() {
      if (get().forecast?.status === 'running') return;
      const days = get().forecastDays;
      const jobId = newJobId('fc');
      const run: ForecastRun = { jobId, days, status: 'running', progress: null, result: null, error: null };
      set({ forecast: run });
      const result = await api.callResult('forecast.run', { jobId, days });
      if (get().forecast?.jobId !== jobId) return;
      if (!result.ok) set({ forecast: { ...run, status: 'failed', error: result.error.message } });
      else if (result.result.status === 'cancelled') set({ forecast: { ...run, status: 'cancelled' } });
      else set({ forecast: { ...run, status: 'done', result: result.result.forecast } });
    },

    async cancelForecast() {
      const run = get().forecast;
      if (run?.status !== 'running') return;
      set({ forecast: { ...run, status: 'cancelled' } });
      await api.callResult('replay.cancel', { jobId: run.jobId });
    },

    watchForecastProgress() {
      return api.on('replay.progress', ({ jobId, done, total }) => {
        const run = get().forecast;
        if (run?.jobId === jobId && run.status === 'running') set({ forecast: { ...run, progress: { done, total } } });
      });
    },
  }));
}
