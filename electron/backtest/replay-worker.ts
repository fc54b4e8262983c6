import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnlyStore } from '../store/read-only-store';
import { type ReplayJob, runReplayJob } from './replay-job';

/**
 * A replay's thread (see replay-jobs.ts): opens the data folder read-only, runs one job, posts
 * `{ ranges }` when it cut the users for other threads, `{ progress }` as it goes and `{ result }` or `{ error }` at the end. Cancelling terminates it.
 */
const { dataDir, nativeBinding, job } = workerData as { dataDir: string; nativeBinding?: string; job: ReplayJob };
/** Progress at most this often: a push per message would flood the windows on a large history. */
const PROGRESS_MS = 200;

/** One job, then the thread ends (a function, not top-level await: the worker is bundled as CommonJS). */
async function runJob(): Promise<void> {
  try {
    const store = openReadOnlyStore(dataDir, nativeBinding ? { nativeBinding } : {});
    let last = 0;
    try {
      const result = await runReplayJob(store, job, {
        onProgress: (progress) => {
          const now = Date.now();
          if (now - last < PROGRESS_MS && progress.done < progress.total) return;
          last = now;
          parentPort?.postMessage({ progress });
        },
        onSplit: (ranges) => parentPort?.postMessage({ ranges }),
      });
      parentPort?.postMessage({ result });
    } finally {
      store.close();
    }
  } catch (error) {
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}

void runJob();
