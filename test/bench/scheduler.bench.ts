import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../electron/engine/clock';
import { createEngine } from '../../electron/engine/engine';
import { DATABASE_FILE_NAME, openStore } from '../../electron/store';
import { startCheckpointer } from '../../electron/store/checkpointer';
import { openDatabase } from '../../electron/store/database';
import type { UserEvent } from '../../shared/engine/types';
import { Journey } from '../../shared/journey/schema';
import { recordingStore, type StoreWrite } from './record-writes';

const root = join(import.meta.dirname, '../..');
const HOUR = 3_600_000;

/**
 * `npm run bench -- scheduler [COUNT]`: COUNT (100k) due wake-ups of the seed journey fired through
 * the interpreter into rendered outbox rows, against (a) BullMQ on a local redis-server processing
 * COUNT due delayed jobs with a no-op worker, and (b) a bare better-sqlite3 loop claiming COUNT due
 * rows in batches and inserting one outbox row each. Last line: {"ratio","limit_ratio",...}.
 */
export async function main(args: string[]): Promise<void> {
  const count = Number(args[0] ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'dripagent-bench-scheduler-'));
  try {
    const { perSecond: ours, fireAt } = oursTimersPerSecond(dir, count);
    const writesFloor = sameWritesPerSecond(dir, fireAt);
    const floor = bareLoopRowsPerSecond(dir, count);
    const bull = await bullmqJobsPerSecond(count);
    const ratio = ours / bull;
    const limitRatio = ours / floor;
    console.log(
      `ours: ${Math.round(ours)} timers/s; BullMQ: ${Math.round(bull)} jobs/s; bare loop: ${Math.round(floor)} rows/s`,
    );
    console.log(`ratio = ${ratio.toFixed(2)} (goal >= 2); limit_ratio = ${limitRatio.toFixed(3)} (goal >= 0.1)`);
    console.log(
      `our writes alone, no interpreter: ${Math.round(writesFloor)} timers/s = ${(writesFloor / bull).toFixed(2)} x BullMQ, ${(writesFloor / floor).toFixed(3)} x the bare loop`,
    );
    console.log(
      JSON.stringify({
        ratio: Number(ratio.toFixed(2)),
        limit_ratio: Number(limitRatio.toFixed(3)),
        timers_per_s: Math.round(ours),
        bullmq_jobs_per_s: Math.round(bull),
        bare_rows_per_s: Math.round(floor),
        writes_floor_per_s: Math.round(writesFloor),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Copies of the data folder as it was just before firing, for `sameWritesPerSecond`. */
const SNAPSHOTS = ['record', 'replay'] as const;

function oursTimersPerSecond(dir: string, count: number): { perSecond: number; fireAt: number } {
  const store = openStore(join(dir, 'ours'), { backgroundCheckpoints: true });
  const journey = Journey.parse(
    JSON.parse(readFileSync(join(root, 'resources/journeys/integration-setup.json'), 'utf8')),
  );
  store.journeys.saveDraft({ id: journey.id, name: journey.name, json: JSON.stringify(journey) });
  store.journeys.publish(journey.id);
  const t0 = Date.parse('2026-03-02T09:00:00Z');
  const clock = new ManualClock(t0);
  const engine = createEngine({ store, clock });
  // Setup (not measured): COUNT users enter and wait for their API key (2 hours).
  for (let i = 0; i < count; i += 2000) {
    const batch: UserEvent[] = [];
    for (let u = i; u < Math.min(count, i + 2000); u++) {
      const userId = `user-${u}`;
      batch.push({
        type: 'identify',
        userId,
        timestamp: t0,
        traits: { email: `${userId}@example.com`, createdAt: new Date(t0).toISOString(), workspace_name: `W${u}` },
        messageId: `${userId}-id`,
      });
      batch.push({
        type: 'track',
        event: 'integration_started',
        userId,
        timestamp: t0,
        properties: { integration_type: 'custom_api' },
        messageId: `${userId}-s`,
      });
    }
    engine.ingest(batch);
  }
  const before = store.outbox.counts().pending;
  // Not measured: snapshots of the database just before firing (VACUUM INTO copies WAL content too).
  const reader = openDatabase(store.file);
  for (const name of SNAPSHOTS) {
    mkdirSync(join(dir, name));
    reader.prepare('VACUUM INTO ?').run(join(dir, name, DATABASE_FILE_NAME));
  }
  reader.close();
  clock.set(t0 + 2 * HOUR);
  const start = performance.now();
  let fired = 0;
  for (;;) {
    const n = engine.fireDue(1000);
    if (n === 0) break;
    fired += n;
  }
  const seconds = (performance.now() - start) / 1000;
  const rendered = store.outbox.counts().pending - before;
  store.close();
  console.log(`ours: fired ${fired} wake-ups into ${rendered} outbox rows in ${seconds.toFixed(2)} s`);
  if (rendered < count) throw new Error(`expected ${count} reminder emails, got ${rendered}`);
  return { perSecond: fired / seconds, fireAt: t0 + 2 * HOUR };
}

/**
 * The floor for the rows we keep: every row write firing made (run updates, rendered outbox rows,
 * journal rows), recorded in an untimed run of the engine on one snapshot, then replayed on the
 * other through the same store code, batch for batch with the same claim query, and no interpreter.
 */
function sameWritesPerSecond(dir: string, fireAt: number): number {
  const recorded = openStore(join(dir, 'record'), { backgroundCheckpoints: true });
  const log: { current: StoreWrite[] } = { current: [] };
  const engine = createEngine({ store: recordingStore(recorded, log), clock: new ManualClock(fireAt) });
  const batches: StoreWrite[][] = [];
  for (;;) {
    log.current = [];
    if (engine.fireDue(1000) === 0) break;
    batches.push(log.current);
  }
  recorded.close();
  const replay = openStore(join(dir, 'replay'), { backgroundCheckpoints: true });
  const start = performance.now();
  let claimed = 0;
  for (const writes of batches) {
    claimed += replay.runs.due(fireAt, 1000).length;
    replay.writeTransaction(() => {
      for (const write of writes) write(replay);
    });
  }
  const seconds = (performance.now() - start) / 1000;
  replay.close();
  const rows = batches.reduce((n, writes) => n + writes.length, 0);
  console.log(`our ${rows} row writes for ${claimed} wake-ups replayed with no interpreter in ${seconds.toFixed(2)} s`);
  return claimed / seconds;
}

function bareLoopRowsPerSecond(dir: string, count: number): number {
  // WAL checkpoints on a worker thread, as for ours (see checkpointer.ts).
  const db = openDatabase(join(dir, 'bare.db'));
  const checkpointer = startCheckpointer(db, join(dir, 'bare.db'));
  db.exec(`CREATE TABLE timers (id INTEGER PRIMARY KEY, due INTEGER NOT NULL, payload TEXT NOT NULL) STRICT;
    CREATE INDEX timers_due ON timers (due);
    CREATE TABLE outbox (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, payload TEXT NOT NULL) STRICT;`);
  const insertTimer = db.prepare('INSERT INTO timers (due, payload) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < count; i++) insertTimer.run(i, `{"user":"user-${i}"}`);
  })();
  const claim = db.prepare<[number, number], { id: number; payload: string }>(
    'SELECT id, payload FROM timers WHERE due <= ? ORDER BY due LIMIT ?',
  );
  const remove = db.prepare('DELETE FROM timers WHERE id = ?');
  const insertOutbox = db.prepare('INSERT INTO outbox (key, payload) VALUES (?, ?)');
  const start = performance.now();
  let done = 0;
  const step = db.transaction(() => {
    const rows = claim.all(count, 1000);
    for (const row of rows) {
      remove.run(row.id);
      insertOutbox.run(`k${row.id}`, row.payload);
    }
    return rows.length;
  });
  for (;;) {
    const n = step();
    if (n === 0) break;
    done += n;
  }
  const seconds = (performance.now() - start) / 1000;
  checkpointer?.stop();
  db.close();
  console.log(`bare loop: claimed ${done} rows into outbox rows in ${seconds.toFixed(2)} s`);
  return done / seconds;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function ensureRedis(): string {
  for (const path of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (existsSync(path)) return path;
  console.log('redis-server is missing: installing it with apt-get');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return '/usr/bin/redis-server';
}

async function bullmqJobsPerSecond(count: number): Promise<number> {
  const redisBin = ensureRedis();
  const port = await freePort();
  const redis = spawn(redisBin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  try {
    const { Queue, Worker } = await import('bullmq');
    const connection = { host: '127.0.0.1', port, maxRetriesPerRequest: null };
    for (let i = 0; i < 50; i++) {
      try {
        const probe = new Queue('probe', { connection });
        await probe.waitUntilReady();
        await probe.close();
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const queue = new Queue('timers', { connection });
    // Setup (not measured): COUNT delayed jobs, all due by the time the worker starts.
    for (let i = 0; i < count; i += 1000) {
      await queue.addBulk(
        Array.from({ length: Math.min(1000, count - i) }, (_, k) => ({
          name: 'wake',
          data: { user: `user-${i + k}` },
          opts: { delay: 1, removeOnComplete: true },
        })),
      );
    }
    await new Promise((r) => setTimeout(r, 50));
    let done = 0;
    const start = performance.now();
    let worker: { close(): Promise<void> } | undefined;
    await new Promise<void>((resolve) => {
      const created = new Worker(
        'timers',
        async () => {
          done++;
          if (done === count) resolve();
        },
        { connection, concurrency: 50 },
      );
      created.on('error', () => {});
      worker = created;
    });
    const seconds = (performance.now() - start) / 1000;
    await worker?.close();
    console.log(`BullMQ: ${count} due delayed jobs processed by a no-op worker in ${seconds.toFixed(2)} s`);
    await queue.close();
    return count / seconds;
  } finally {
    redis.kill('SIGKILL');
  }
}
