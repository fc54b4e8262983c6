import type pg from 'pg';
import type { ForecastResult } from '../../shared/api/backtest';
import { inSnapshot } from '../store/pg/cursor';
import { createPgHistorySource } from '../store/pg/history-rows';
import { journeysSnapshot } from '../store/pg/journey-rows';
import { forecast } from './forecast';
import { pgForecastSource } from './pg-forecast-source';
import { replayHistory } from './replay-history';
import type { ReplayJob, ReplayJobHooks, ReplayResult } from './replay-job';
import type { ReplayJobs } from './replay-jobs';
import { createRunningJobs } from './running-jobs';
import { createBacktestTally } from './tally';

/** Replays running at once on one engine; more would only share its thread. */
const MAX_RUNNING = 2;

/**
 * A backtest over the history in PostgreSQL: every stored event before the window's end, user by
 * user through a cursor in one snapshot, through the same tallies as on SQLite. Null when stopped.
 */
export async function backtestOnPostgres(
  pool: pg.Pool,
  job: Extract<ReplayJob, { kind: 'backtest' }>,
  hooks: Pick<ReplayJobHooks, 'onProgress' | 'shouldStop'> = {},
): Promise<ReplayResult | null> {
  const tallies = job.journeys.map((journey) => createBacktestTally(journey, job.window, job.config));
  const finished = await inSnapshot(pool, (client) =>
    replayHistory(createPgHistorySource(client), tallies, job.window.to, hooks),
  );
  return finished ? { kind: 'backtest', counts: tallies.map((t) => t.counts()) } : null;
}

/** The forecast over a PostgreSQL database: the same code as on SQLite, in one snapshot. */
export async function forecastOnPostgres(
  pool: pg.Pool,
  job: Extract<ReplayJob, { kind: 'forecast' }>,
  hooks: Pick<ReplayJobHooks, 'onProgress' | 'shouldStop'> = {},
): Promise<ForecastResult | null> {
  const journeys = await journeysSnapshot(pool);
  return inSnapshot(pool, (client) =>
    forecast({
      source: pgForecastSource(client, journeys),
      now: job.now,
      days: job.days,
      config: job.config,
      pace: job.pace,
      ...hooks,
    }),
  );
}

/**
 * Backtests and forecasts on a PostgreSQL engine: on its own thread, between pages of a cursor
 * (the database does the reading; the engine's requests go on between pages).
 */
export function createPgReplayJobs(pool: pg.Pool): ReplayJobs {
  const running = createRunningJobs(MAX_RUNNING);
  return {
    run: (jobId, job, onProgress) =>
      running.run(jobId, () => {
        let stopped = false;
        const hooks = { onProgress, shouldStop: () => stopped };
        const result: Promise<ReplayResult | null> =
          job.kind === 'forecast'
            ? forecastOnPostgres(pool, job, hooks).then((f) => f && { kind: 'forecast' as const, forecast: f })
            : backtestOnPostgres(pool, job, hooks);
        return {
          result,
          stop: () => {
            stopped = true;
          },
        };
      }),
    cancel: (jobId) => running.cancel(jobId),
    close: () => running.close(),
  };
}
