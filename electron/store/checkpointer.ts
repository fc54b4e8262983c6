import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * WAL checkpoints on a worker thread. SQLite's default checkpoints inside the commit that fills
 * the WAL past 1,000 pages: the main thread (the Electron main process, or the host serving the
 * tracking API) then stalls while pages are copied back and the file is synced, about a fifth of
 * ingestion's time. A second connection on a worker does it in parallel (PASSIVE: it never blocks
 * the writer); the main connection keeps a high inline threshold as a safety valve, and returns
 * to SQLite's default if the worker cannot run.
 */
export interface Checkpointer {
  stop(): void;
}

const INTERVAL_MS = 100;
/** Inline checkpoints only if the worker falls far behind: 10,000 pages (about 40 MB). */
const SAFETY_VALVE_PAGES = 10_000;
const SQLITE_DEFAULT_PAGES = 1000;
/** Past this many pages (about 16 MB) the worker makes the log start over. */
const RESTART_PAGES = 4000;

// Plain CommonJS evaluated in the worker: no bundling or TypeScript needed at run time.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try {
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
    // A busy writer keeps appending, so the log never empties by itself: once it is long, a RESTART
    // (which only has the few frames since the PASSIVE pass left to copy) lets it start over.
    if (log > workerData.restartPages) db.pragma('wal_checkpoint(RESTART)');
  } catch {}
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export interface CheckpointerOptions {
  nativeBinding?: string;
  onError?: (error: unknown) => void;
  /** The better-sqlite3 module the worker loads (tests give a broken one). */
  module?: string;
}

export function startCheckpointer(
  db: BetterSqlite3.Database,
  file: string,
  options: CheckpointerOptions = {},
): Checkpointer | undefined {
  const { nativeBinding } = options;
  const onError =
    options.onError ??
    ((error: unknown) => console.warn('Background checkpoints are off; SQLite checkpoints inline:', error));
  let worker: Worker;
  try {
    const module = options.module ?? createRequire(import.meta.url).resolve('better-sqlite3');
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module, file, nativeBinding, intervalMs: INTERVAL_MS, restartPages: RESTART_PAGES },
    });
  } catch (error) {
    onError(error);
    return undefined;
  }
  db.pragma(`wal_autocheckpoint = ${SAFETY_VALVE_PAGES}`);
  let stopped = false;
  worker.on('error', (error) => {
    if (stopped) return;
    stopped = true;
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
    onError(error);
  });
  // Never keeps the process alive: the WAL is durable, and the next open checkpoints it.
  worker.unref();
  return {
    stop: () => {
      if (stopped) return;
      stopped = true;
      worker.postMessage('stop');
    },
  };
}
