import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'electron/bin/dripagent.mjs');

/**
 * Runs `dripagent ARGS…` to completion, as a user would from the repository. The caller's
 * DRIPAGENT_* variables are cleared (a frequency cap or data folder in the developer's shell must
 * not change what a test sees); `env` adds the ones a test means.
 */
export function cli(args: readonly string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('DRIPAGENT_')));
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...clean, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
