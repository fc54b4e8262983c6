#!/usr/bin/env node
// `npm run build:native-electron` — on a connected machine, before running the desktop app from
// source. Builds better-sqlite3 for Electron's ABI into native/electron/better_sqlite3.node,
// which electron/shell/main.ts loads through better-sqlite3's `nativeBinding` option.
//
// Why not electron-rebuild / install-app-deps: they rebuild node_modules in place, so `npm test`
// and the CLI (plain Node) break after the first `npm start`; offline they even delete the build.
// Here we work on a private copy of the package and never touch node_modules.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const source = join(root, 'node_modules/better-sqlite3');
const outDir = join(root, 'native/electron');

// npm's `nodedir` setting would make node-gyp compile against Node's headers instead of Electron's.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_nodedir$/i.test(key)));

const work = mkdtempSync(join(tmpdir(), 'dripagent-native-'));
const copy = join(work, 'better-sqlite3');
try {
  cpSync(source, copy, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
  const run = (script, args) =>
    spawnSync(process.execPath, [script, ...args], { cwd: copy, stdio: 'inherit', env }).status === 0;
  const target = ['--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`];
  console.log(`Getting better-sqlite3 for Electron ${electronVersion} (${process.platform}-${process.arch})…`);
  const ok =
    run(require.resolve('prebuild-install/bin.js'), [...target, `--platform=${process.platform}`]) ||
    run(require.resolve('node-gyp/bin/node-gyp.js'), [
      'rebuild',
      '--release',
      ...target,
      '--dist-url=https://electronjs.org/headers',
    ]);
  if (!ok) {
    console.error('Could not download or build better-sqlite3 for Electron (this needs internet access).');
    process.exit(1);
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(copy, 'build/Release/better_sqlite3.node'), join(outDir, 'better_sqlite3.node'));
  writeFileSync(
    join(outDir, 'README.txt'),
    `better-sqlite3 built for Electron ${electronVersion}, ${process.platform}-${process.arch}\n`,
  );
  console.log(`Wrote ${join(outDir, 'better_sqlite3.node')}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
