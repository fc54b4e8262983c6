import type { BacktestCounts, ForecastResult } from '../../shared/api/backtest';
import type { EngineConfig } from '../../shared/engine/types';
import type { Journey } from '../../shared/journey/schema';
import type { SendingRate } from '../mail/settings/sending-rate';
import { ALL_USERS } from '../store/history-repo';
import type { ReadOnlyStore } from '../store/read-only-store';
import { forecast } from './forecast';
import { replayHistory } from './replay-history';
import { createBacktestTally, type ReplayWindow } from './tally';

/** What a replay worker is asked to do: plain data, so it crosses to the thread as it is. */
export type ReplayJob =
  | {
      kind: 'backtest';
      /** The draft first, then (when there is one) its live version: one scan replays both. */
      journeys: Journey[];
      window: ReplayWindow;
      config: Pick<EngineConfig, 'globalCap'>;
      /** This thread's share of the users: part `index` of `of` (see HistoryRepo.split). */
      part?: { index: number; of: number };
    }
  | { kind: 'forecast'; now: number; days: number; config: Pick<EngineConfig, 'globalCap'>; pace: SendingRate };

export type ReplayResult =
  | { kind: 'backtest'; counts: BacktestCounts[] }
  | { kind: 'forecast'; forecast: ForecastResult };

export interface ReplayJobHooks {
  onProgress?: (progress: { done: number; total: number }) => void;
  shouldStop?: () => boolean;
}

/**
 * Runs a replay job against a read-only store: the worker thread's whole job, and the same code
 * the CLI commands count with. Null when stopped.
 */
export function runReplayJob(store: ReadOnlyStore, job: ReplayJob, hooks: ReplayJobHooks = {}): ReplayResult | null {
  if (job.kind === 'forecast') {
    const result = forecast({ store, now: job.now, days: job.days, config: job.config, pace: job.pace, ...hooks });
    return result && { kind: 'forecast', forecast: result };
  }
  const tallies = job.journeys.map((journey) => createBacktestTally(journey, job.window, job.config));
  const range = job.part ? store.history.split(job.window.to, job.part.of)[job.part.index] : ALL_USERS;
  // A part with no users of its own (fewer users than threads) counts nothing.
  if (range && !replayHistory(store.history, tallies, job.window.to, { ...hooks, range })) return null;
  return { kind: 'backtest', counts: tallies.map((t) => t.counts()) };
}
