#!/usr/bin/env node
// Makes `npm start` and `npm test` the only two commands a fresh clone needs: installs the npm
// dependencies when they are missing, and (for tests) says how to get Chromium when it is absent.
// Node built-ins only: this runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const forTests = process.argv.includes('--tests');

if (!existsSync(`${root}node_modules/.package-lock.json`)) {
  console.log('Installing dependencies (npm ci; the first time compiles SQLite, about 3 minutes)…');
  const result = spawnSync('npm', ['ci'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (forTests && process.platform === 'linux' && !existsSync('/usr/bin/chromium')) {
  console.error(
    "The browser tests need Debian's Chromium: run `sudo apt-get install -y chromium` (or `bash .ci/run`, which installs it).",
  );
  process.exit(1);
}
