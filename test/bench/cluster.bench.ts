import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DATABASE_FILE_NAME } from '../../electron/store';
import { startPostgres, type TestPostgres } from '../postgres';
import { startUntil } from '../processes';

const root = join(import.meta.dirname, '../..');
const CLI = join(root, 'electron/bin/dripagent.mjs');
const WRITE_KEY = 'dk_cluster_bench_write_key';
const ADMIN_TOKEN = 'da_cluster_bench_admin_token';
const CLOCK_TICKS = 100;

/**
 * `npm run bench -- cluster [--engines 1,2] [--events 200000] [--timers 100000]`: whole
 * `dripagent serve` processes, as deployed. For one engine on SQLite, then 1 and 2 engines on one
 * PostgreSQL (durable: fsync on, synchronous_commit off, as SQLite's WAL with synchronous=NORMAL):
 * HTTP ingestion of EVENTS events of the seed journey's mix (round-robin over the engines, the
 * emails going to a real SMTP server in its own process), then TIMERS users whose wake-ups all
 * fall due at one instant, drained by the engines' schedulers. CPU is read from /proc for the
 * engines and the database server. Last line: {"pg_vs_sqlite","two_vs_one","duplicates","left_due",...}.
 */
export async function main(args: string[]): Promise<void> {
  const flag = (name: string, fallback: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 && args[at + 1] ? (args[at + 1] as string) : fallback;
  };
  const engineCounts = flag('engines', '1,2')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const events = Number(flag('events', '200000'));
  const timers = Number(flag('timers', '100000'));
  const sinkLines: string[] = [];
  const sink = await startUntil(
    process.execPath,
    [join(root, 'test/bench/smtp-sink.mjs'), '0'],
    {},
    /^ready (\d+)$/,
    (l) => sinkLines.push(l),
  );
  const server = await startPostgres({ settings: ['fsync=on', 'synchronous_commit=off', 'shared_buffers=256MB'] });
  const dir = mkdtempSync(join(tmpdir(), 'dripagent-bench-cluster-'));
  const smtp = `smtp://127.0.0.1:${sink.match[1]}`;
  try {
    const sqlite = await runSetup({ kind: 'sqlite', engines: 1, dir, smtp, events, timers });
    const onPg: Result[] = [];
    for (const n of engineCounts) {
      onPg.push(await runSetup({ kind: 'postgres', engines: n, server, smtp, events, timers }));
    }
    const one = onPg.find((r) => r.engines === 1);
    const two = onPg.find((r) => r.engines === 2);
    const ratio = (a: Result | undefined, b: Result | undefined) =>
      a && b ? { ingest: a.ingestPerS / b.ingestPerS, drain: a.drainPerS / b.drainPerS } : null;
    const pgVsSqlite = ratio(one, sqlite);
    const twoVsOne = ratio(two, one);
    const round = (n: number) => Math.round(n * 100) / 100;
    if (pgVsSqlite) {
      console.log(
        `PostgreSQL (1 engine) vs SQLite: ingestion ${round(pgVsSqlite.ingest)}x, timers ${round(pgVsSqlite.drain)}x (goal >= 0.3)`,
      );
    }
    if (twoVsOne) {
      console.log(
        `2 engines vs 1 on PostgreSQL: ingestion ${round(twoVsOne.ingest)}x, timers ${round(twoVsOne.drain)}x (goal >= 1.0)`,
      );
    }
    const all = [sqlite, ...onPg];
    console.log(
      JSON.stringify({
        // The smaller of the two ratios: each goal must hold for ingestion and for timers.
        pg_vs_sqlite: pgVsSqlite ? round(Math.min(pgVsSqlite.ingest, pgVsSqlite.drain)) : null,
        two_vs_one: twoVsOne ? round(Math.min(twoVsOne.ingest, twoVsOne.drain)) : null,
        duplicates: all.reduce((sum, r) => sum + r.duplicates, 0),
        left_due: all.reduce((sum, r) => sum + r.leftDue, 0),
        pg_vs_sqlite_ingest: pgVsSqlite ? round(pgVsSqlite.ingest) : null,
        pg_vs_sqlite_timers: pgVsSqlite ? round(pgVsSqlite.drain) : null,
        two_vs_one_ingest: twoVsOne ? round(twoVsOne.ingest) : null,
        two_vs_one_timers: twoVsOne ? round(twoVsOne.drain) : null,
        events_per_s: Object.fromEntries(all.map((r) => [r.label, Math.round(r.ingestPerS)])),
        timers_per_s: Object.fromEntries(all.map((r) => [r.label, Math.round(r.drainPerS)])),
        emails_received: sinkLines.length,
      }),
    );
  } finally {
    sink.child.kill('SIGTERM');
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Result {
  label: string;
  engines: number;
  ingestPerS: number;
  drainPerS: number;
  duplicates: number;
  leftDue: number;
}

type Setup =
  | { kind: 'sqlite'; engines: 1; dir: string; smtp: string; events: number; timers: number }
  | { kind: 'postgres'; engines: number; server: TestPostgres; smtp: string; events: number; timers: number };

/** Counts over the store the engines write, read by the bench (SQLite read-only beside the engine). */
interface Probe {
  /** Timer users whose run is over, and journal rows recording the timer's step (one per user unless fired twice). */
  timerCounts(): Promise<{ done: number; active: number; fired: number }>;
  close(): Promise<void>;
}

async function runSetup(setup: Setup): Promise<Result> {
  const label = setup.kind === 'sqlite' ? 'sqlite' : `postgres_${setup.engines}`;
  const env = {
    DRIPAGENT_SMTP_URL: setup.smtp,
    DRIPAGENT_MAIL_FROM: 'Bench <bench@example.com>',
    DRIPAGENT_WRITE_KEY: WRITE_KEY,
    DRIPAGENT_ADMIN_TOKEN: ADMIN_TOKEN,
  };
  let databaseUrl = '';
  let dataDir = '';
  if (setup.kind === 'postgres') databaseUrl = await setup.server.createDatabase();
  else dataDir = mkdtempSync(join(setup.dir, 'sqlite-'));
  const serveArgs = setup.kind === 'postgres' ? ['--database-url', databaseUrl] : ['--data', dataDir];
  const engines = await Promise.all(
    Array.from({ length: setup.engines }, (_, i) =>
      startUntil(
        process.execPath,
        [CLI, 'serve', '--port', '0', ...serveArgs],
        { ...env, DRIPAGENT_ENGINE_ID: `${label}-${i}` },
        /^DripAgent is ready at (\S+)$/,
      ),
    ),
  );
  const urls = engines.map((e) => e.match[1] as string);
  const probe = setup.kind === 'postgres' ? postgresProbe(databaseUrl) : sqliteProbe(dataDir);
  const cpu = () => ({
    engines: engines.reduce((sum, e) => sum + cpuSeconds(e.child.pid as number), 0),
    database: setup.kind === 'postgres' ? postgresCpuSeconds(setup.server.postmasterPid()) : 0,
  });
  try {
    await api(urls[0] as string, 'journey.publish', { id: 'integration-setup' });

    // Ingestion: the seed journey's event mix over the last hour, spread over the engines.
    const before = cpu();
    const ingest = await postEvents(urls, setup.events, Date.now() - 3_600_000, 'mix');
    const ingestPerS = ingest.events / ingest.seconds;
    const afterIngest = cpu();

    // Timers: every user's wake-up at the same instant, well after they are all stored.
    // New users cost more than the mix's events (a head, a run each): three times the mix's time, and some.
    const delaySeconds = Math.ceil((setup.timers / ingestPerS) * 3) + 20;
    await api(urls[0] as string, 'journey.import', { text: JSON.stringify(timerJourney(delaySeconds)), replace: true });
    await api(urls[0] as string, 'journey.publish', { id: 'bench-timers' });
    const start = Date.now();
    await postEvents(urls, setup.timers, start, 'timers');
    const due = start + delaySeconds * 1000;
    if (Date.now() > due) throw new Error('the timers fell due before they were all stored: raise the delay');
    await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    const beforeDrain = cpu();
    let counts = await probe.timerCounts();
    const deadline = Date.now() + 600_000;
    while (counts.done < setup.timers && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      counts = await probe.timerCounts();
    }
    const drainSeconds = (Date.now() - due) / 1000;
    const drainPerS = counts.done / drainSeconds;
    const afterDrain = cpu();
    const share = (a: ReturnType<typeof cpu>, b: ReturnType<typeof cpu>) =>
      `engines ${(b.engines - a.engines).toFixed(1)} s CPU, database ${(b.database - a.database).toFixed(1)} s CPU`;
    console.log(
      `${label}: HTTP ingestion ${ingest.events} events in ${ingest.seconds.toFixed(1)} s = ${Math.round(ingestPerS)} events/s (${share(before, afterIngest)})`,
    );
    console.log(
      `${label}: ${counts.done} of ${setup.timers} due timers fired in ${drainSeconds.toFixed(1)} s = ${Math.round(drainPerS)} timers/s (${share(beforeDrain, afterDrain)}); fired twice: ${counts.fired - counts.done}; left due: ${counts.active}`,
    );
    return {
      label,
      engines: setup.engines,
      ingestPerS,
      drainPerS,
      duplicates: Math.max(0, counts.fired - counts.done),
      leftDue: counts.active,
    };
  } finally {
    await probe.close();
    await Promise.all(engines.map((e) => stopProcess(e.child)));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

function timerJourney(delaySeconds: number) {
  return {
    formatVersion: 1,
    id: 'bench-timers',
    name: 'Bench timers',
    nodes: [
      { id: 'go', type: 'trigger', position: { x: 0, y: 0 }, config: { event: 'bench_wait' } },
      {
        id: 'wait',
        type: 'delay',
        position: { x: 0, y: 140 },
        config: { mode: 'duration', duration: `${delaySeconds}s` },
      },
      { id: 'fired', type: 'track', position: { x: 0, y: 280 }, config: { action: 'event', event: 'bench_fired' } },
    ],
    edges: [
      { id: 'a', from: 'go', output: 'next', to: 'wait' },
      { id: 'b', from: 'wait', output: 'next', to: 'fired' },
    ],
  };
}

async function api(url: string, name: string, args: unknown): Promise<unknown> {
  const response = await fetch(`${url}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify(args),
  });
  const body = (await response.json()) as { ok: boolean; result?: { published?: boolean; imported?: boolean } };
  if (!body.ok || body.result?.published === false || body.result?.imported === false) {
    throw new Error(`${name} failed: ${JSON.stringify(body)}`);
  }
  return body.result;
}

/** Posts through the HTTP client process (test/bench/http-client.ts), so its CPU is not counted. */
async function postEvents(
  urls: string[],
  count: number,
  start: number,
  mode: 'mix' | 'timers',
): Promise<{ seconds: number; events: number }> {
  const auth = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
  const client = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'test/bench/http-client.ts'),
      urls.map((u) => `${u}/v1/batch`).join(','),
      auth,
      String(count),
      String(start),
      mode,
    ],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: client.stdout });
  try {
    return await new Promise((resolve, reject) => {
      client.on('exit', (code) => reject(new Error(`the HTTP client exited with ${code}`)));
      lines.on('line', (line) => {
        if (line === 'ready') client.stdin.write('go\n');
        else if (line.startsWith('{')) resolve(JSON.parse(line));
      });
    });
  } finally {
    client.stdin.end();
  }
}

const TIMER_COUNTS = `SELECT
  (SELECT COUNT(*) FROM runs WHERE journey_id = 'bench-timers' AND status = 'done') AS done,
  (SELECT COUNT(*) FROM runs WHERE journey_id = 'bench-timers' AND status = 'active') AS active,
  (SELECT COUNT(*) FROM journal WHERE user_id LIKE 'timer-%' AND entries LIKE '%"fired","track"%') AS fired`;

function postgresProbe(url: string): Probe {
  const pool = new pg.Pool({ connectionString: url, max: 1, options: '-c search_path=dripagent' });
  return {
    async timerCounts() {
      const { rows } = await pool.query<{ done: string; active: string; fired: string }>(TIMER_COUNTS);
      const row = rows[0];
      return { done: Number(row?.done), active: Number(row?.active), fired: Number(row?.fired) };
    },
    close: () => pool.end(),
  };
}

function sqliteProbe(dataDir: string): Probe {
  const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  const statement = db.prepare<[], { done: number; active: number; fired: number }>(TIMER_COUNTS);
  return {
    timerCounts: async () => statement.get() ?? { done: 0, active: 0, fired: 0 },
    close: async () => {
      db.close();
    },
  };
}

/** A process's CPU time (user + system) from /proc, in seconds; `children` adds its finished children's. */
function cpuSeconds(pid: number, children = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name: state is field 3, utime 14, stime 15, cutime 16, cstime 17 (1-based).
    const ticks = Number(fields[11]) + Number(fields[12]) + (children ? Number(fields[13]) + Number(fields[14]) : 0);
    return ticks / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** The database server's CPU: the postmaster with its finished backends, and every live backend. */
function postgresCpuSeconds(postmaster: number): number {
  let total = cpuSeconds(postmaster, true);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === postmaster) total += cpuSeconds(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
