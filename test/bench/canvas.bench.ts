import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { emailFromMarkdown } from '../../renderer/src/model/markdown';
import type { JourneyInput } from '../../shared/journey/schema';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';

/**
 * `npm run bench -- canvas [runs]`: opens a 500-node journey in the app (production build, served
 * by `dripagent serve`) and the same nodes in a bare React Flow page, alternately, in one Chromium.
 * Time to interactive is measured the same way on both: from navigation start until every card is
 * in the page and visible, plus the next frame. Last line: {"ratio", "app_ms", "bare_ms", "nodes"}.
 */

const ROOT = join(import.meta.dirname, '../..');
const NODES = 500;

/** A long journey of every common step type, on a grid (as a generated file would be drawn). */
export function benchJourney(size = NODES): JourneyInput {
  const types = ['wait', 'email', 'condition', 'delay', 'email', 'wait', 'track', 'email'] as const;
  const nodes: JourneyInput['nodes'] = [];
  const edges: JourneyInput['edges'] = [];
  const templates: NonNullable<JourneyInput['templates']> = {};
  const at = (i: number) => ({ x: (i % 5) * 320, y: Math.floor(i / 5) * 160 });
  nodes.push({
    id: 'n0',
    type: 'trigger',
    title: 'Integration started',
    position: at(0),
    config: { event: 'integration_started' },
  });
  for (let i = 1; i < size; i++) {
    const id = `n${i}`;
    const type = i === size - 1 ? 'exit' : types[i % types.length];
    const position = at(i);
    if (type === 'wait')
      nodes.push({
        id,
        type,
        title: `Step ${i} done?`,
        position,
        config: {
          event: 'api_key_created',
          timeout: { by: 'trigger.integration_type', values: { stripe: '30m', custom_api: '2h' }, default: '2h' },
        },
      });
    else if (type === 'email') {
      nodes.push({ id, type, title: `Email ${i}`, position, config: { template: id } });
      templates[id] = {
        subject: `Reminder ${i} for {{ user.workspace_name | default: "your workspace" }}`,
        ...emailFromMarkdown(`Hello, step ${i}.`),
      };
    } else if (type === 'condition')
      nodes.push({
        id,
        type,
        title: `Known error ${i}?`,
        position,
        config: {
          match: 'all',
          rules: [
            {
              kind: 'event_count',
              event: 'setup_error_seen',
              atLeast: 2,
              sameProperty: 'error_code',
              window: { anchor: 'now', within: '12h' },
            },
          ],
        },
      });
    else if (type === 'delay')
      nodes.push({ id, type, title: `Pause ${i}`, position, config: { mode: 'duration', duration: '1d' } });
    else if (type === 'track')
      nodes.push({ id, type, title: `Record ${i}`, position, config: { action: 'event', event: 'setup_progress' } });
    else nodes.push({ id, type: 'exit', title: 'Done', position, config: { reason: 'done' } });
    const previous = nodes[i - 1];
    const output = previous?.type === 'wait' ? 'happened' : previous?.type === 'condition' ? 'false' : 'next';
    if (previous) edges.push({ id: `e${i}`, from: previous.id, output, to: id });
  }
  return {
    formatVersion: 1,
    id: 'bench-500',
    name: 'A bench of 500 steps',
    nodes,
    edges,
    templates,
    exitRules: [{ event: 'sync_completed' }, { event: 'integration_connected' }],
  };
}

/**
 * Records `window.__tti`: the first frame after the canvas has drawn its cards (every card React
 * Flow renders is in the page and visible, and their number held for a frame), so the page shows
 * the journey and can take input. The same script runs on both pages. The app draws only the cards
 * in view for journeys this large; bare React Flow draws all 500 (that is React Flow's default).
 */
const MEASURE = `
  (() => {
    let last = -1;
    const check = () => {
      const nodes = document.querySelectorAll('.react-flow__node');
      const drawn = nodes.length > 0 && [...nodes].every((n) => n.style.visibility !== 'hidden');
      if (drawn && nodes.length === last) {
        requestAnimationFrame(() => { window.__tti = performance.now(); window.__drawn = nodes.length; });
        return;
      }
      last = drawn ? nodes.length : -1;
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })();
`;

async function timeToInteractive(page: Page, url: string): Promise<{ ms: number; drawn: number }> {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __tti?: number }).__tti !== undefined, undefined, {
    timeout: 60_000,
  });
  return page.evaluate(() => {
    const measured = window as unknown as { __tti: number; __drawn: number };
    return { ms: measured.__tti, drawn: measured.__drawn };
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The bench's host takes this admin token; the page opens the access link with it. */
const BENCH_TOKEN = 'bench-admin-token';

function startServe(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['electron/bin/dripagent.mjs', 'serve', '--port', '0', '--data', dataDir], {
    cwd: ROOT,
    env: { ...process.env, DRIPAGENT_ADMIN_TOKEN: BENCH_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DripAgent is ready at (\S+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1].replace(/\/$/, '') });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`dripagent serve exited (${code}):\n${output}`)));
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

function serveDir(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = join(
      dir,
      (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : ((req.url ?? '').split('?')[0] ?? ''),
    );
    if (!path.startsWith(dir) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

export async function main(args: string[]): Promise<void> {
  const runs = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 7);
  const work = mkdtempSync(join(tmpdir(), 'dripagent-canvas-bench-'));
  const journey = benchJourney();
  try {
    console.log('building the app and the bare React Flow page (production)…');
    if (!args.includes('--no-build'))
      await build({ configFile: join(ROOT, 'renderer/vite.config.ts'), logLevel: 'warn' });
    const bareDir = join(work, 'bare');
    await build({
      configFile: false,
      root: join(ROOT, 'test/bench/canvas-bare'),
      base: './',
      plugins: [react()],
      logLevel: 'warn',
      build: { outDir: bareDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
    });
    writeFileSync(join(bareDir, 'journey.json'), JSON.stringify(journey));
    cpSync(join(bareDir, 'journey.json'), join(work, 'bench-500.json'));

    const serve = await startServe(join(work, 'data'));
    const bare = await serveDir(bareDir);
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const imported = await fetch(`${serve.url}/api/journey.import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_TOKEN}` },
        body: JSON.stringify({ text: JSON.stringify(journey) }),
      });
      const answer = (await imported.json()) as { ok: boolean; result?: { imported: boolean; problems: unknown[] } };
      if (!answer.ok || !answer.result?.imported)
        throw new Error(`could not import the bench journey: ${JSON.stringify(answer)}`);

      const app: number[] = [];
      const baseline: number[] = [];
      // One warm-up each, then alternate so both see the same machine state.
      for (let run = -1; run < runs; run++) {
        for (const [label, url, into] of [
          ['app', `${serve.url}/`, app],
          ['bare', `${bare.url}/`, baseline],
        ] as const) {
          const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
          await context.addInitScript(MEASURE);
          // Signed in as after opening the access link once, so the measured load has no redirect.
          if (label === 'app') {
            await context.addCookies([
              { name: `dripagent_token_${new URL(serve.url).port}`, value: BENCH_TOKEN, url: serve.url },
            ]);
          }
          const page = await context.newPage();
          const { ms, drawn } = await timeToInteractive(page, url);
          await context.close();
          if (run >= 0) {
            into.push(ms);
            console.log(`run ${run + 1} ${label}: ${ms.toFixed(0)} ms (${drawn} cards drawn)`);
          }
        }
      }
      const appMs = median(app);
      const bareMs = median(baseline);
      console.log(
        `${NODES} nodes: app ${appMs.toFixed(0)} ms, bare React Flow ${bareMs.toFixed(0)} ms (medians of ${runs})`,
      );
      console.log(
        JSON.stringify({
          ratio: Number((appMs / bareMs).toFixed(3)),
          app_ms: Math.round(appMs),
          bare_ms: Math.round(bareMs),
          nodes: NODES,
        }),
      );
    } finally {
      await browser.close();
      bare.server.close();
      serve.child.kill('SIGTERM');
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
