import type { ApiClient, ApiResponse } from '../../../shared/api';
import { type DayPeriod, isValidPeriod, lastDays, periodRange } from '../model/period';
import { slice } from './slice';
import type { LoadState } from './types';

export type FunnelAnswer = ApiResponse<'metrics.funnel'>;
export type EventHealthAnswer = ApiResponse<'metrics.events'>;
export type JourneyResultsAnswer = ApiResponse<'metrics.journey'>;

/** A report on its way: how far along it is (users done of total), when the host says. */
export interface ReportProgress {
  done: number;
  total: number;
}

export interface MetricsSlice {
  /** The period the Metrics, Events and Results views show (whole UTC days). */
  metricsPeriod: DayPeriod;
  /** The funnel's breakdown: integration_type, a trait, or null for everyone together. */
  metricsBy: string | null;
  funnel: FunnelAnswer | null;
  funnelLoad: LoadState;
  funnelProgress: ReportProgress | null;
  eventHealth: EventHealthAnswer | null;
  eventHealthLoad: LoadState;
  journeyResults: JourneyResultsAnswer | null;
  journeyResultsLoad: LoadState;
  setMetricsPeriod(period: DayPeriod): void;
  setMetricsBy(by: string | null): void;
  /** Remembers the activation event (also for `dripagent report funnel`) and reloads the funnel. */
  setActivationEvent(event: string | null): Promise<void>;
  loadFunnel(): Promise<void>;
  loadEventHealth(): Promise<void>;
  loadJourneyResults(journeyId: string): Promise<void>;
  /** Runs a report now and again whenever the period changes; returns stop. */
  watchReport(report: 'funnel' | 'events' | { journeyId: string }): () => void;
}

let requests = 0;
const PERIOD_DAYS = 30;

export function createMetricsSlice(api: ApiClient) {
  return slice<MetricsSlice>((set, get, store) => {
    /** Runs a report, showing its progress; answers for an older request are dropped. */
    let funnelRequest = '';
    return {
      metricsPeriod: lastDays(PERIOD_DAYS),
      metricsBy: null,
      funnel: null,
      funnelLoad: { status: 'idle' },
      funnelProgress: null,
      eventHealth: null,
      eventHealthLoad: { status: 'idle' },
      journeyResults: null,
      journeyResultsLoad: { status: 'idle' },

      setMetricsPeriod(period) {
        set({ metricsPeriod: period });
      },

      setMetricsBy(by) {
        set({ metricsBy: by });
        void get().loadFunnel();
      },

      async setActivationEvent(event) {
        await api.call('metrics.activation.set', { event });
        await get().loadFunnel();
      },

      async loadFunnel() {
        const period = get().metricsPeriod;
        if (!isValidPeriod(period)) return;
        const requestId = `funnel-${++requests}`;
        funnelRequest = requestId;
        set({ funnelLoad: { status: 'loading' }, funnelProgress: null });
        const stop = api.on('metrics.progress', (progress) => {
          if (progress.requestId === requestId && funnelRequest === requestId) {
            set({ funnelProgress: { done: progress.done, total: progress.total } });
          }
        });
        try {
          const result = await api.callResult('metrics.funnel', {
            ...periodRange(period),
            by: get().metricsBy,
            requestId,
          });
          if (funnelRequest !== requestId) return;
          if (result.ok) set({ funnel: result.result, funnelLoad: { status: 'ready' }, funnelProgress: null });
          else set({ funnelLoad: { status: 'error', error: result.error.message }, funnelProgress: null });
        } finally {
          stop();
        }
      },

      async loadEventHealth() {
        const period = get().metricsPeriod;
        if (!isValidPeriod(period)) return;
        set({ eventHealthLoad: { status: 'loading' } });
        const result = await api.callResult('metrics.events', periodRange(period));
        if (get().metricsPeriod !== period) return;
        if (result.ok) set({ eventHealth: result.result, eventHealthLoad: { status: 'ready' } });
        else set({ eventHealthLoad: { status: 'error', error: result.error.message } });
      },

      watchReport(report) {
        const run = () =>
          report === 'funnel'
            ? get().loadFunnel()
            : report === 'events'
              ? get().loadEventHealth()
              : get().loadJourneyResults(report.journeyId);
        void run();
        return store.subscribe((state, previous) => {
          if (state.metricsPeriod !== previous.metricsPeriod) void run();
        });
      },

      async loadJourneyResults(journeyId) {
        const period = get().metricsPeriod;
        if (!isValidPeriod(period)) return;
        if (get().journeyResults?.journey.id !== journeyId) set({ journeyResults: null });
        set({ journeyResultsLoad: { status: 'loading' } });
        const result = await api.callResult('metrics.journey', { journeyId, ...periodRange(period) });
        if (get().metricsPeriod !== period || get().selectedJourneyId !== journeyId) return;
        if (result.ok) set({ journeyResults: result.result, journeyResultsLoad: { status: 'ready' } });
        else set({ journeyResultsLoad: { status: 'error', error: result.error.message } });
      },
    };
  });
}
