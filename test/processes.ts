import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '..');

/**
 * Starts a process from the repository's root and resolves once a line of its stdout matches
 * `ready` (a server printing its port, a sender saying it runs); later lines go to `onLine`.
 * Rejects when it exits before that.
 */
export function startUntil(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  onLine?: (line: string) => void,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let done = false;
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const match = ready.exec(line);
      if (match && !done) {
        done = true;
        resolve({ child, match });
      } else if (done) onLine?.(line);
    });
    child.on('exit', (code) => {
      if (!done) reject(new Error(`${args.join(' ')} exited with ${code}`));
    });
  });
}
