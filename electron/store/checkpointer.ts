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

/** The worker's state, shared with the main thread so `stop()` can wait for its connection to close. */
const STARTING = 0;
const OPEN = 1;
const STOPPING = 2;
const CLOSED = 3;
/** The longest `stop()` waits for the worker's connection to close (a checkpoint may be under way). */
const STOP_WAIT_MS = 5000;

// Plain CommonJS evaluated in the worker: no bundling or TypeScript needed at run time. A worker
// told to stop before it opened the database never opens it, so nothing touches the data folder
// after the store is closed (a test may delete it at once).
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const state = new Int32Array(workerData.state);
const closed = () => { Atomics.store(state, 0, ${CLOSED}); Atomics.notify(state, 0); };
if (Atomics.compareExchange(state, 0, ${STARTING}, ${OPEN}) !== ${STARTING}) {
  parentPort.close();
} else {
  let db;
  try {
    const Database = require(workerData.module);
    db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
    db.pragma('busy_timeout = 0');
  } catch (error) {
    closed();
    throw error;
  }
  const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
  const timer = setInterval(checkpoint, workerData.intervalMs);
  parentPort.on('message', () => { clearInterval(timer); db.close(); closed(); parentPort.close(); });
}
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
  let state: Int32Array;
  try {
    state = new Int32Array(new SharedArrayBuffer(4));
    const module = options.module ?? createRequire(import.meta.url).resolve('better-sqlite3');
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module, file, nativeBinding, intervalMs: INTERVAL_MS, state: state.buffer },
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
    // Synchronous, like the store's close(): returns once the worker's connection is closed, so the
    // main connection closes last (and removes the WAL) and nothing writes to the folder afterwards.
    stop: () => {
      if (stopped) return;
      stopped = true;
      if (Atomics.compareExchange(state, 0, STARTING, CLOSED) === STARTING) return;
      if (Atomics.compareExchange(state, 0, OPEN, STOPPING) !== OPEN) return;
      worker.postMessage('stop');
      try {
        Atomics.wait(state, 0, STOPPING, STOP_WAIT_MS);
      } catch {
        // A runtime that forbids blocking this thread: the worker still closes, just a moment later.
      }
    },
  };
}
