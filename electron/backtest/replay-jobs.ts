import { availableParallelism } from 'node:os';
import { startAppWorker } from '../api/app-worker';
import type { UserRange } from '../store/history-repo';
import { mergeCounts } from './counts';
import type { ReplayJob, ReplayResult } from './replay-job';
import { createRunningJobs } from './running-jobs';

/** Replays running at once; more would only share the same cores. */
const MAX_RUNNING = 2;
/** A backtest splits its users over this many threads at most (one per core). */
const MAX_PARTS = 2;
/**
 * Below this many stored events one thread is quicker: starting another costs about half a
 * second (more under tsx), the time one thread takes for some 40,000 events.
 */
const SPLIT_ABOVE_EVENTS = 200_000;

type Progress = { done: number; total: number };

export interface ReplayJobs {
  /** Runs a job on worker threads; null when it was cancelled. */
  run(jobId: string, job: ReplayJob, onProgress: (progress: Progress) => void): Promise<ReplayResult | null>;
  /** Stops a running job (its workers are terminated); false when no such job runs. */
  cancel(jobId: string): boolean;
  close(): Promise<void>;
}

/**
 * Backtests and forecasts on worker threads, each with its own read-only connection: a replay of
 * a large history never holds up the tracking API, the scheduler or anyone's request. A backtest
 * splits its users over the cores (each thread replays a range of user ids) and adds up the counts.
 * @example const jobs = createReplayJobs({ dataDir }); await jobs.run('bt-1', job, (p) => show(p));
 */
export function createReplayJobs(options: {
  dataDir: string;
  nativeBinding?: string;
  /** About how many events are stored: a small history is replayed on one thread. */
  size: () => number;
  /** Threads for a large backtest; one per core (at most two) by default. */
  parts?: number;
}): ReplayJobs {
  const threads = () =>
    options.size() < SPLIT_ABOVE_EVENTS ? 1 : Math.max(1, options.parts ?? Math.min(MAX_PARTS, availableParallelism()));

  /** One job (or one part of one) on its own thread. */
  const onThread = (
    job: ReplayJob,
    onProgress: (progress: Progress) => void,
    onSplit: (ranges: UserRange[]) => void = () => {},
  ) => {
    let stop = () => {};
    const result = new Promise<ReplayResult | null>((resolve, reject) => {
      const worker = startAppWorker(
        new URL('./replay-worker.cjs', import.meta.url),
        new URL('./replay-worker.ts', import.meta.url),
        { dataDir: options.dataDir, nativeBinding: options.nativeBinding, job },
      );
      let settled = false;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        finish();
      };
      stop = () => settle(() => resolve(null));
      worker.on(
        'message',
        (message: { progress?: Progress; ranges?: UserRange[]; result?: ReplayResult; error?: string }) => {
          if (message.ranges) onSplit(message.ranges);
          else if (message.progress) onProgress(message.progress);
          else if (message.result) settle(() => resolve(message.result as ReplayResult));
          else if (message.error) settle(() => reject(new Error(message.error)));
        },
      );
      worker.on('error', (error) => settle(() => reject(error)));
      worker.on('exit', (code) =>
        settle(() => reject(new Error(`the replay stopped unexpectedly (exit code ${code})`))),
      );
    });
    return { result, stop: () => stop() };
  };

  /**
   * A backtest over several threads: the first cuts the users into ranges and replays the first
   * range; once it has said where the cuts are, one more thread per other range starts. One set of
   * cuts for all, so no user is counted twice or missed while new events arrive.
   */
  const split = (
    job: Extract<ReplayJob, { kind: 'backtest' }>,
    parts: number,
    onProgress: (progress: Progress) => void,
  ) => {
    const seen: Progress[] = [];
    const report = (index: number) => (progress: Progress) => {
      seen[index] = progress;
      onProgress(
        seen.reduce((sum, p) => ({ done: sum.done + p.done, total: sum.total + p.total }), { done: 0, total: 0 }),
      );
    };
    let stopped = false;
    type Thread = { result: Promise<ReplayResult | null>; stop: () => void };
    let others: (list: Thread[]) => void = () => {};
    const othersStarted = new Promise<Thread[]>((resolve) => {
      others = resolve;
    });
    const first = onThread({ ...job, part: { splitInto: parts } }, report(0), (ranges) => {
      if (stopped) return others([]);
      others(ranges.slice(1).map((range, i) => onThread({ ...job, part: { range } }, report(i + 1))));
    });
    // The first thread may end (stopped, failed) before it cuts: then there are no others.
    void first.result.then(
      () => others([]),
      () => others([]),
    );
    return {
      stop: () => {
        stopped = true;
        first.stop();
        void othersStarted.then((list) => {
          for (const thread of list) thread.stop();
        });
      },
      result: Promise.all([first.result, othersStarted.then((list) => Promise.all(list.map((t) => t.result)))]).then(
        ([head, rest]): ReplayResult | null => {
          const results = [head, ...rest];
          if (results.some((r) => r === null || r.kind !== 'backtest')) return null;
          const counts = results as Extract<ReplayResult, { kind: 'backtest' }>[];
          return {
            kind: 'backtest',
            counts: job.journeys.map((journey, i) =>
              mergeCounts(
                journey,
                job.window,
                counts.map((r) => r.counts[i]).filter((c) => c !== undefined),
              ),
            ),
          };
        },
      ),
    };
  };

  const running = createRunningJobs(MAX_RUNNING);
  return {
    run: (jobId, job, onProgress) =>
      running.run(jobId, () => {
        const parts = job.kind === 'backtest' ? threads() : 1;
        return job.kind === 'backtest' && parts > 1 ? split(job, parts, onProgress) : onThread(job, onProgress);
      }),
    cancel: (jobId) => running.cancel(jobId),
    close: () => running.close(),
  };
}
