import type { BacktestCounts, ForecastResult } from '../../shared/api/backtest';
import type { EngineConfig } from '../../shared/engine/types';
import type { Journey } from '../../shared/journey/schema';
import type { SendingRate } from '../mail/settings/sending-rate';
import { ALL_USERS, type UserRange } from '../store/history-repo';
import type { ReadOnlyStore } from '../store/read-only-store';
import { forecast, storeForecastSource } from './forecast';
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
      /**
       * This thread's share of the users. `splitInto`: cut the users into that many ranges (see
       * HistoryRepo.split), report them (onSplit) and replay the first; the other threads get theirs
       * as `range`, so every thread works from the same cuts even while events arrive.
       */
      part?: { splitInto: number } | { range: UserRange };
    }
  | { kind: 'forecast'; now: number; days: number; config: Pick<EngineConfig, 'globalCap'>; pace: SendingRate };

export type ReplayResult =
  | { kind: 'backtest'; counts: BacktestCounts[] }
  | { kind: 'forecast'; forecast: ForecastResult };

export interface ReplayJobHooks {
  onProgress?: (progress: { done: number; total: number }) => void;
  shouldStop?: () => boolean;
  /** The ranges a `splitInto` job cut the users into; this thread replays the first. */
  onSplit?: (ranges: UserRange[]) => void;
}

/**
 * Runs a replay job against a read-only store: the worker thread's whole job, and the same code
 * the CLI commands count with. Null when stopped.
 */
export async function runReplayJob(
  store: ReadOnlyStore,
  job: ReplayJob,
  hooks: ReplayJobHooks = {},
): Promise<ReplayResult | null> {
  if (job.kind === 'forecast') {
    const result = await forecast({
      source: storeForecastSource(store),
      now: job.now,
      days: job.days,
      config: job.config,
      pace: job.pace,
      ...hooks,
    });
    return result && { kind: 'forecast', forecast: result };
  }
  const tallies = job.journeys.map((journey) => createBacktestTally(journey, job.window, job.config));
  let range: UserRange | undefined = ALL_USERS;
  if (job.part && 'range' in job.part) range = job.part.range;
  else if (job.part) {
    const ranges = store.history.split(job.window.to, job.part.splitInto);
    hooks.onSplit?.(ranges);
    range = ranges[0];
  }
  // A part with no users of its own (fewer users than threads) counts nothing.
  if (range && !(await replayHistory(store.history, tallies, job.window.to, { ...hooks, range }))) return null;
  return { kind: 'backtest', counts: tallies.map((t) => t.counts()) };
}
