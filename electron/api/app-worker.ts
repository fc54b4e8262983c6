import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

// Under tsx (`dripagent serve`, the tests) the worker registers tsx and imports the TypeScript
// module; the desktop app's bundle ships a compiled .cjs beside main.cjs instead.
const TSX_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then(({ register }) => { register(); return import(workerData.entry); });
`;

/**
 * Starts a worker thread from a module of this app: `bundled` (a .cjs next to the running bundle)
 * when it exists, else `entry` (the TypeScript source) through tsx.
 * @example startAppWorker(new URL('./validate-worker.cjs', import.meta.url), new URL('./validate-worker.ts', import.meta.url))
 */
export function startAppWorker(bundled: URL, entry: URL, workerData: Record<string, unknown> = {}): Worker {
  const compiled = fileURLToPath(bundled);
  if (existsSync(compiled)) return new Worker(compiled, { workerData });
  const tsx = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  return new Worker(TSX_BOOTSTRAP, {
    eval: true,
    workerData: { ...workerData, tsx: `file://${tsx}`, entry: entry.href },
  });
}
