import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

// Under tsx (`dripagent serve`, the tests) the worker registers tsx and imports the TypeScript
// entry; the desktop app's bundle ships a compiled NAME.cjs beside main.cjs instead.
const TSX_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then(({ register }) => { register(); return import(workerData.entry); });
`;

/**
 * Starts a worker thread running `entry` (a TypeScript module beside its caller), or its compiled
 * copy `NAME.cjs` in the desktop app's bundle (see electron/build/bundle.mjs).
 * @example startWorkerThread('validate-worker', new URL('./validate-worker.ts', import.meta.url))
 */
export function startWorkerThread(name: string, entry: URL, options: Pick<WorkerOptions, 'workerData'> = {}): Worker {
  const bundled = fileURLToPath(new URL(`./${name}.cjs`, import.meta.url));
  if (existsSync(bundled)) return new Worker(bundled, options);
  const tsx = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  return new Worker(TSX_BOOTSTRAP, {
    eval: true,
    workerData: { tsx: `file://${tsx}`, entry: entry.href, data: options.workerData },
  });
}

/** What a worker started by `startWorkerThread` was given, in either form. */
export function workerInput<T>(workerData: unknown): T {
  const wrapped = workerData as { tsx?: string; data?: T } | undefined;
  return (wrapped?.tsx ? wrapped.data : workerData) as T;
}
