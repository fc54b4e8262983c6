#!/usr/bin/env node
// Bundles the Electron shell (electron/shell/main.ts and preload.ts) into dist/electron/ with esbuild.
// Both are CommonJS: the preload must be (sandboxed preloads cannot load ES modules), and
// package.json "main" points at dist/electron/main.cjs. Native and mail modules stay external:
// they are loaded from node_modules at run time (better-sqlite3 possibly via `nativeBinding`).
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  // Electron 45 ships Node 22 and Chromium 140.
  target: ['node22', 'chrome140'],
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron', 'better-sqlite3', 'nodemailer', 'smtp-server'],
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/shell/main.ts'],
    outfile: 'dist/electron/main.cjs',
    // CommonJS has no import.meta: give modules that resolve files from it (the checkpoint worker
    // finding better-sqlite3) the bundle's own URL.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  build({ ...common, entryPoints: ['electron/shell/preload.ts'], outfile: 'dist/electron/preload.cjs' }),
  // The journey validator's thread (electron/journeys/validator.ts looks for it beside main.cjs).
  build({
    ...common,
    entryPoints: ['electron/journeys/validate-worker.ts'],
    outfile: 'dist/electron/validate-worker.cjs',
  }),
  // The report thread (electron/metrics/report-runner.ts looks for it beside main.cjs).
  build({
    ...common,
    entryPoints: ['electron/metrics/report-worker.ts'],
    outfile: 'dist/electron/report-worker.cjs',
  }),
  // The backtest and forecast's thread (electron/backtest/replay-jobs.ts looks for it beside main.cjs).
  build({
    ...common,
    entryPoints: ['electron/backtest/replay-worker.ts'],
    outfile: 'dist/electron/replay-worker.cjs',
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
]);
console.log(
  'Bundled dist/electron/main.cjs, preload.cjs, validate-worker.cjs, report-worker.cjs and replay-worker.cjs',
);
