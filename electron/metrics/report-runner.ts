import { startAppWorker } from '../api/app-worker';
import { createWorkerQueue } from '../api/worker-queue';
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

export function createReportRunner(options: ReportRunnerOptions): ReportRunner {
  const queue = createWorkerQueue<ReportJob, unknown>({
    start: () =>
      startAppWorker(new URL('./report-worker.cjs', import.meta.url), new URL('./report-worker.ts', import.meta.url), {
        file: options.file,
        nativeBinding: options.nativeBinding,
      }),
    inline: (job, onProgress) => runReportJob(options.inline, job, onProgress),
    fallbackWarning: 'Reports run on the main thread (the report worker failed):',
    forceInline: options.forceInline,
  });
  return {
    run: (job, onProgress) => queue.run(job, onProgress) as Promise<ReportAnswers[typeof job.kind]>,
    close: () => queue.close(),
  };
}
