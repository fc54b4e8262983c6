#!/usr/bin/env node
// `npm start [-- --data DIR --port N]`: the desktop app where Electron can run, otherwise the
// headless host with one line saying why. Builds what is missing first.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const onWindows = process.platform === 'win32';

function run(command, commandArgs) {
  return spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', shell: onWindows }).status === 0;
}

function ensureRenderer() {
  if (existsSync(`${root}dist/renderer/index.html`)) return;
  console.log('Building the interface (npm run build:renderer)…');
  if (!run('npm', ['run', 'build:renderer'])) console.warn('The interface did not build; the app will say so.');
}

/**
 * `require('electron')` returns the binary's path, and throws "Electron failed to install
 * correctly" when the binary is not there. Asked in a child process so its noise and stack trace
 * do not reach the user; we print one line instead.
 */
function probeElectron() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write('\\n' + require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
  });
  const path = probe.stdout?.trim().split('\n').at(-1);
  if (probe.status === 0 && path && existsSync(path)) return { path };
  return { missing: /Electron failed to install correctly/.test(`${probe.stderr ?? ''}`) };
}

/**
 * The Electron binary is fetched on first start, not at install: package.json keeps npm from
 * running Electron's download script (allowScripts), so `npm ci` works offline and quietly. On a
 * connected machine this runs that script once; offline it fails fast and the headless host starts.
 */
function downloadElectron() {
  console.log('Fetching the Electron binary (first start only)…');
  const result = spawnSync(process.execPath, ['node_modules/electron/install.js'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  return result.status === 0;
}

/** @returns {{ path: string } | { reason: string }} */
function findElectron() {
  if (process.env.DRIPAGENT_HEADLESS) return { reason: 'DRIPAGENT_HEADLESS is set' };
  const headlessLinux = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (headlessLinux) return { reason: 'there is no graphical display' };
  let found = probeElectron();
  if (!('path' in found) && found.missing && downloadElectron()) found = probeElectron();
  if ('path' in found) return found;
  return {
    reason: found.missing
      ? 'the Electron binary is not installed and could not be downloaded'
      : 'the Electron binary was not found',
  };
}

async function startHeadless(reason) {
  console.log(`Electron is not available on this machine (${reason}); starting the headless host instead.`);
  const { register } = await import('tsx/esm/api');
  register();
  const { runCli } = await import('../cli/main.ts');
  process.exitCode = await runCli(['serve', ...args]);
}

/** Electron that dies right away (missing system libraries, bad GPU) also falls back. */
function startElectron(electronPath) {
  if (!run(process.execPath, ['electron/build/bundle.mjs'])) {
    process.exitCode = 1;
    return;
  }
  const startedAt = Date.now();
  const child = spawn(electronPath, ['.', ...args], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => void startHeadless(`Electron could not be started: ${error.message}`));
  child.on('exit', (code, signal) => {
    if (code && !signal && Date.now() - startedAt < 5_000) {
      void startHeadless(`Electron exited with code ${code} at start`);
      return;
    }
    process.exitCode = code ?? 0;
  });
}

ensureRenderer();
const electron = findElectron();
if ('path' in electron) startElectron(electron.path);
else await startHeadless(electron.reason);
