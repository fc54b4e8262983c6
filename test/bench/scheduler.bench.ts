import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
    const { perSecond: ours, writes } = oursTimersPerSecond(dir, count);
    const writesFloor = sameWritesPerSecond(dir, writes);
    const floor = bareLoopRowsPerSecond(dir, count);
    const bull = await bullmqJobsPerSecond(count);
    const ratio = ours / bull;
    const limitRatio = ours / floor;
    console.log(
      `ours: ${Math.round(ours)} timers/s; BullMQ: ${Math.round(bull)} jobs/s; bare loop: ${Math.round(floor)} rows/s`,
    );
    console.log(`ratio = ${ratio.toFixed(2)} (goal >= 10); limit_ratio = ${limitRatio.toFixed(3)} (goal >= 0.3)`);
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

/** What firing wrote, row for row, so `sameWritesPerSecond` can replay it without the engine. */
interface FiredWrites {
  now: number;
  runsBefore: Record<string, unknown>[];
  runsAfter: Map<string, Record<string, unknown>>;
  outboxByRun: Map<string, Record<string, unknown>[]>;
  journalByUser: Map<string, Record<string, unknown>[]>;
}

function groupBy(rows: Record<string, unknown>[], key: string): Map<string, Record<string, unknown>[]> {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const k = String(row[key]);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

function oursTimersPerSecond(dir: string, count: number): { perSecond: number; writes: FiredWrites } {
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
  const reader = openDatabase(store.file);
  const runsBefore = reader.prepare('SELECT * FROM runs').all() as Record<string, unknown>[];
  const maxId = (table: string) => reader.prepare(`SELECT COALESCE(MAX(id), 0) FROM ${table}`).pluck().get() as number;
  const lastOutbox = maxId('outbox');
  const lastJournal = maxId('journal');
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
  const writes: FiredWrites = {
    now: clock.now(),
    runsBefore,
    runsAfter: new Map(
      (reader.prepare('SELECT * FROM runs').all() as Record<string, unknown>[]).map((r) => [String(r.run_id), r]),
    ),
    outboxByRun: groupBy(
      reader.prepare('SELECT * FROM outbox WHERE id > ?').all(lastOutbox) as Record<string, unknown>[],
      'run_id',
    ),
    journalByUser: groupBy(
      reader.prepare('SELECT * FROM journal WHERE id > ?').all(lastJournal) as Record<string, unknown>[],
      'user_id',
    ),
  };
  reader.close();
  store.close();
  console.log(`ours: fired ${fired} wake-ups into ${rendered} rendered outbox rows in ${seconds.toFixed(2)} s`);
  if (rendered < count) throw new Error(`expected ${count} reminder emails, got ${rendered}`);
  return { perSecond: fired / seconds, writes };
}

/**
 * The floor for the rows we keep: the same schema, the same claim query and byte for byte the rows
 * firing wrote (run update, rendered outbox row, journal row), replayed with no interpreter.
 */
function sameWritesPerSecond(dir: string, writes: FiredWrites): number {
  openStore(join(dir, 'same-writes')).close();
  const file = join(dir, 'same-writes', DATABASE_FILE_NAME);
  const db = openDatabase(file);
  const checkpointer = startCheckpointer(db, file);
  const insertRun = db.prepare(
    `INSERT INTO runs (run_id, user_id, journey_id, version, status, node_id, wake_at, entered_at, ended_at, end_reason, state)
     VALUES (@run_id, @user_id, @journey_id, @version, @status, @node_id, @wake_at, @entered_at, @ended_at, @end_reason, @state)`,
  );
  db.transaction(() => {
    for (const run of writes.runsBefore) insertRun.run(run);
  })();
  const claim = db.prepare<[number, number], { run_id: string; user_id: string }>(
    `SELECT r.run_id, r.user_id FROM runs r
     WHERE r.wake_at IS NOT NULL AND r.wake_at <= ?
       AND NOT EXISTS (SELECT 1 FROM journeys j WHERE j.id = r.journey_id AND j.status = 'paused')
     ORDER BY r.wake_at LIMIT ?`,
  );
  const updateRun = db.prepare(
    `UPDATE runs SET status = @status, node_id = @node_id, wake_at = @wake_at, ended_at = @ended_at,
       end_reason = @end_reason, state = @state WHERE run_id = @run_id`,
  );
  const insertOutbox = db.prepare(
    `INSERT INTO outbox (key, kind, run_id, user_id, journey_id, node_id, at, created_at, payload, next_attempt_at)
     VALUES (@key, @kind, @run_id, @user_id, @journey_id, @node_id, @at, @created_at, @payload, @next_attempt_at)
     ON CONFLICT (key) DO NOTHING`,
  );
  const insertJournal = db.prepare('INSERT INTO journal (user_id, at, entries) VALUES (@user_id, @at, @entries)');
  const step = db.transaction(() => {
    const due = claim.all(writes.now, 1000);
    for (const { run_id, user_id } of due) {
      updateRun.run(writes.runsAfter.get(run_id));
      for (const row of writes.outboxByRun.get(run_id) ?? []) insertOutbox.run(row);
      for (const row of writes.journalByUser.get(user_id) ?? []) insertJournal.run(row);
    }
    return due.length;
  });
  const start = performance.now();
  let done = 0;
  for (;;) {
    const n = step.immediate();
    if (n === 0) break;
    done += n;
  }
  const seconds = (performance.now() - start) / 1000;
  checkpointer?.stop();
  db.close();
  console.log(`our writes replayed with no interpreter: ${done} wake-ups in ${seconds.toFixed(2)} s`);
  return done / seconds;
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
