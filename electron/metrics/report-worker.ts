import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createJourneysRepo } from '../store/journeys-repo';
import { createReportsRepo } from '../store/reports';
import { type ReportJob, runReportJob } from './report-jobs';

/**
 * The report thread (see report-runner.ts): its own read-only connection to the data folder's
 * database, so a report over a million events never holds up the host's main thread (the tracking
 * API, the scheduler, other windows). Answers `{ id, request }` with progress, then a result or an error.
 */
const { file, nativeBinding } = workerData as { file: string; nativeBinding?: string };
const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
db.pragma('busy_timeout = 5000');
const sources = { reports: createReportsRepo(db), journeys: createJourneysRepo(db, () => new Date()) };

parentPort?.on('message', async ({ id, request: job }: { id: number; request: ReportJob }) => {
  try {
    const result = await runReportJob(sources, job, (done, total) =>
      parentPort?.postMessage({ id, progress: { done, total } }),
    );
    parentPort?.postMessage({ id, result });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
