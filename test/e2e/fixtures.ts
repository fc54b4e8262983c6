import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, test as base } from '@playwright/test';
import { AppPage } from './pages/AppPage';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const READY_LINE = /DripAgent is ready at (\S+)/;
const ACCESS_LINE = /^Open: \S+\?token=(\S+)/m;
const START_TIMEOUT_MS = 30_000;

/** A running `dripagent serve` with its own empty data dir. */
export interface DripAgentServer {
  url: string;
  dataDir: string;
  /** The admin token from the printed access link (`Open: URL/?token=…`). */
  token: string;
}

interface Fixtures {
  server: DripAgentServer;
  app: AppPage;
}

/**
 * Every test gets a fresh host on a free port and a temp data dir (so the bundled example
 * journeys are installed as on a first run), and the page's base URL points at it.
 */
export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their dependencies.
  server: async ({}, use) => {
    if (!existsSync(join(REPO_ROOT, 'dist/renderer/index.html'))) {
      throw new Error('dist/renderer is missing: run `npm run build:renderer` before the e2e tests');
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'dripagent-e2e-'));
    const child = spawn(process.execPath, ['electron/bin/dripagent.mjs', 'serve', '--port', '0', '--data', dataDir], {
      cwd: REPO_ROOT,
      env: { ...process.env, DRIPAGENT_DATA_DIR: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const { url, token } = await waitForReady(child);
      await use({ url, dataDir, token });
    } finally {
      await stop(child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  },

  baseURL: async ({ server }, use) => {
    await use(server.url);
  },

  // Signed in as if the access link had been opened once (its own test opens the link itself).
  context: async ({ context, server }, use) => {
    await signIn(context, server);
    await use(context);
  },

  app: async ({ page }, use) => {
    await use(new AppPage(page));
  },
});

export { expect } from '@playwright/test';

/** Signs a browser context in to `server`, as opening its access link once does. */
export async function signIn(context: BrowserContext, server: DripAgentServer): Promise<void> {
  await context.addCookies([
    {
      name: `dripagent_token_${new URL(server.url).port}`,
      value: server.token,
      url: server.url,
      httpOnly: true,
      sameSite: 'Strict',
    },
  ]);
}

/**
 * Resolves with the URL from the host's ready line and the token from its access link; rejects
 * with its output if it exits or stalls first.
 */
function waitForReady(child: ChildProcess): Promise<{ url: string; token: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(`did not print its ready line within ${START_TIMEOUT_MS} ms`),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY_LINE.exec(output);
      const access = ACCESS_LINE.exec(output);
      if (match?.[1] && access?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1].replace(/\/$/, ''), token: decodeURIComponent(access[1]) });
      }
    };
    function fail(reason: string) {
      clearTimeout(timer);
      reject(new Error(`dripagent serve ${reason}:\n${output}`));
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => fail(`exited with code ${code}`));
    child.once('error', (error) => fail(`could not start (${error.message})`));
  });
}

/** SIGTERM (the host closes its database cleanly), then SIGKILL if it lingers. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
