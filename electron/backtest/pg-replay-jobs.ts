import type pg from 'pg';
import { ApiHandlerError } from '../../shared/api/errors';
import { inSnapshot } from '../store/pg/cursor';
import { createPgHistorySource } from '../store/pg/history-rows';
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

/**
 * Backtests on a PostgreSQL engine: on its own thread, between pages of the cursor (the database
 * does the reading; the engine's requests go on between pages). The forecast reads a data folder's
 * runs and profiles and is refused here.
 */
export function createPgReplayJobs(pool: pg.Pool): ReplayJobs {
  const running = createRunningJobs(MAX_RUNNING);
  return {
    async run(jobId, job, onProgress) {
      if (job.kind === 'forecast') {
        throw new ApiHandlerError(
          'conflict',
          'The forecast reads a data folder and cannot read PostgreSQL yet: run it on a copy of the data in SQLite.',
        );
      }
      return running.run(jobId, () => {
        let stopped = false;
        const result = backtestOnPostgres(pool, job, { onProgress, shouldStop: () => stopped });
        return {
          result,
          stop: () => {
            stopped = true;
          },
        };
      });
    },
    cancel: (jobId) => running.cancel(jobId),
    close: () => running.close(),
  };
}
