import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * WAL checkpoints on a worker thread. SQLite's default checkpoints inside the commit that fills
 * the WAL past 1,000 pages: the main thread (the Electron main process, or the host serving the
 * tracking API) then stalls while pages are copied back and the file is synced, about a fifth of
 * ingestion's time. A second connection on a worker does the copying in parallel (PASSIVE only: it
 * never waits for or blocks anyone), and the main connection returns to SQLite's default if the
 * worker cannot run.
 */
export interface Checkpointer {
  stop(): void;
}

const INTERVAL_MS = 100;
/**
 * The main connection still checkpoints past 4,000 pages (about 16 MB), but by then the worker has
 * copied nearly every page, so it only finishes the few written since; and only a checkpoint by the
 * writer itself, between its transactions, reliably lets the log start over instead of growing.
 * Never RESTART from the worker: it holds writers off while it waits for readers, and under load
 * that starved the writer past its busy timeout ("database is locked"; seen while profiling).
 */
const INLINE_PAGES = 4000;
const SQLITE_DEFAULT_PAGES = 1000;

// Plain CommonJS evaluated in the worker: no bundling or TypeScript needed at run time.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 0');
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
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
      workerData: { module, file, nativeBinding, intervalMs: INTERVAL_MS },
    });
  } catch (error) {
    onError(error);
    return undefined;
  }
  db.pragma(`wal_autocheckpoint = ${INLINE_PAGES}`);
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
