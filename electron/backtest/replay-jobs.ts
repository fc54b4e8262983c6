import type { Worker } from 'node:worker_threads';
import { ApiHandlerError } from '../../shared/api/errors';
import { startWorkerThread } from '../app/worker-thread';
import type { ReplayJob, ReplayResult } from './replay-job';

/** Replays running at once; more would only share the same cores. */
const MAX_RUNNING = 2;

export interface ReplayJobs {
  /** Runs a job on its own worker thread; null when it was cancelled. */
  run(
    jobId: string,
    job: ReplayJob,
    onProgress: (progress: { done: number; total: number }) => void,
  ): Promise<ReplayResult | null>;
  /** Stops a running job (its worker is terminated); false when no such job runs. */
  cancel(jobId: string): boolean;
  close(): Promise<void>;
}

/**
 * Backtests and forecasts on worker threads, each with its own read-only connection: a replay of
 * a large history never holds up the tracking API, the scheduler or anyone's request.
 */
export function createReplayJobs(options: { dataDir: string; nativeBinding?: string }): ReplayJobs {
  const running = new Map<string, { worker: Worker; cancel(): void }>();
  return {
    run(jobId, job, onProgress) {
      if (running.has(jobId)) return Promise.reject(new ApiHandlerError('conflict', `Job ${jobId} is already running`));
      if (running.size >= MAX_RUNNING) {
        return Promise.reject(
          new ApiHandlerError('conflict', `${MAX_RUNNING} replays are running already: wait for one, or cancel it`),
        );
      }
      return new Promise<ReplayResult | null>((resolve, reject) => {
        const worker = startWorkerThread('replay-worker', new URL('./replay-worker.ts', import.meta.url), {
          workerData: { dataDir: options.dataDir, nativeBinding: options.nativeBinding, job },
        });
        let settled = false;
        const settle = (finish: () => void) => {
          if (settled) return;
          settled = true;
          running.delete(jobId);
          void worker.terminate();
          finish();
        };
        running.set(jobId, { worker, cancel: () => settle(() => resolve(null)) });
        worker.on(
          'message',
          (message: { progress?: { done: number; total: number }; result?: ReplayResult; error?: string }) => {
            if (message.progress) onProgress(message.progress);
            else if (message.result) settle(() => resolve(message.result as ReplayResult));
            else if (message.error) settle(() => reject(new Error(message.error)));
          },
        );
        worker.on('error', (error) => settle(() => reject(error)));
        worker.on('exit', (code) =>
          settle(() => reject(new Error(`the replay stopped unexpectedly (exit code ${code})`))),
        );
      });
    },
    cancel(jobId) {
      const job = running.get(jobId);
      job?.cancel();
      return job !== undefined;
    },
    async close() {
      for (const job of [...running.values()]) job.cancel();
    },
  };
}
