import type { Worker } from 'node:worker_threads';
import { startAppWorker } from '../api/app-worker';
import type { Progress } from './funnel-report';
import { type ReportAnswers, type ReportJob, type ReportSources, runReportJob } from './report-jobs';

/**
 * Runs reports on a worker thread with its own read-only connection, one at a time, in order. If
 * the worker cannot start (or dies), reports run on the calling thread instead, as before: slower
 * for the host, never lost.
 */
export interface ReportRunner {
  run<K extends ReportJob['kind']>(
    job: Extract<ReportJob, { kind: K }>,
    onProgress?: Progress,
  ): Promise<ReportAnswers[K]>;
  close(): Promise<void>;
}

export interface ReportRunnerOptions {
  /** The SQLite file the worker opens. */
  file: string;
  nativeBinding?: string;
  /** Reads on the calling thread, when the worker is not used. */
  inline: ReportSources;
  /** Tests: run on the calling thread. */
  forceInline?: boolean;
}

interface Pending {
  id: number;
  job: ReportJob;
  onProgress?: Progress;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

export function createReportRunner(options: ReportRunnerOptions): ReportRunner {
  let worker: Worker | undefined;
  let broken = options.forceInline ?? false;
  let nextId = 1;
  const queue: Pending[] = [];
  let current: Pending | undefined;

  const runInline = (pending: Pending) => {
    try {
      pending.resolve(runReportJob(options.inline, pending.job, pending.onProgress));
    } catch (error) {
      pending.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };

  const fallBackInline = (error: unknown) => {
    if (!broken) console.warn('Reports run on the main thread (the report worker failed):', error);
    broken = true;
    worker = undefined;
    const waiting = current ? [current, ...queue.splice(0)] : queue.splice(0);
    current = undefined;
    for (const pending of waiting) runInline(pending);
  };

  const ensureWorker = (): Worker | undefined => {
    if (broken) return undefined;
    if (worker) return worker;
    try {
      const started = startAppWorker(
        new URL('./report-worker.cjs', import.meta.url),
        new URL('./report-worker.ts', import.meta.url),
        { file: options.file, nativeBinding: options.nativeBinding },
      );
      started.unref();
      started.on(
        'message',
        (message: { id: number; progress?: { done: number; total: number }; result?: unknown; error?: string }) => {
          if (current?.id !== message.id) return;
          if (message.progress) {
            current.onProgress?.(message.progress.done, message.progress.total);
            return;
          }
          const finished = current;
          current = undefined;
          if (message.error !== undefined) finished.reject(new Error(message.error));
          else finished.resolve(message.result);
          pump();
        },
      );
      started.on('error', fallBackInline);
      started.on('exit', () => {
        if (worker === started) worker = undefined;
      });
      worker = started;
      return worker;
    } catch (error) {
      fallBackInline(error);
      return undefined;
    }
  };

  function pump(): void {
    if (current) return;
    const pending = queue.shift();
    if (!pending) return;
    const thread = ensureWorker();
    if (!thread) {
      runInline(pending);
      pump();
      return;
    }
    current = pending;
    thread.postMessage({ id: pending.id, job: pending.job });
  }

  return {
    run: (job, onProgress) =>
      new Promise((resolve, reject) => {
        const pending: Pending = { id: nextId++, job, onProgress, resolve: resolve as (r: unknown) => void, reject };
        if (broken) return runInline(pending);
        queue.push(pending);
        pump();
      }),
    async close() {
      const thread = worker;
      worker = undefined;
      broken = true;
      if (thread) await thread.terminate();
    },
  };
}
