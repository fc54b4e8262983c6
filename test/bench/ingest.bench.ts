import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type AppCore, createAppCore } from '../../electron/app/core';
import { startHeadlessHost } from '../../electron/app/headless';
import { systemClock } from '../../electron/engine/clock';
import { createEngine } from '../../electron/engine/engine';
import { openStore } from '../../electron/store';
import { startCheckpointer } from '../../electron/store/checkpointer';
import { openDatabase } from '../../electron/store/database';
import type { UserEvent } from '../../shared/engine/types';
import { Journey } from '../../shared/journey/schema';
import { generateEvents } from './ingest-data';
import { recordingStore, type StoreWrite } from './record-writes';

const root = join(import.meta.dirname, '../..');

/**
 * `npm run bench -- ingest [COUNT]`: COUNT (200k) events through the engine's batch path with the seed
 * journey live, against raw better-sqlite3 inserts of the same rows into an equally indexed table,
 * in one run; then HTTP batch ingestion. Last line: {"ratio","http_events_per_s",...}.
 */
export async function main(args: string[]): Promise<void> {
  const count = Number(args[0] ?? 200_000);
  const batch = 1000;
  const start = Date.now() - 3_600_000;
  const events = generateEvents(count, start, 3_600_000);
  const dir = mkdtempSync(join(tmpdir(), 'dripagent-bench-ingest-'));
  try {
    // Baseline: the same rows, an equally indexed table, the same pragmas, the same batch size.
    // Both sides checkpoint the WAL on a worker thread, as the app does (see checkpointer.ts).
    const raw = openDatabase(join(dir, 'raw.db'));
    const rawCheckpointer = startCheckpointer(raw, join(dir, 'raw.db'));
    raw.exec(`CREATE TABLE events (seq INTEGER PRIMARY KEY, message_id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL,
      type TEXT NOT NULL, name TEXT NOT NULL, ts INTEGER NOT NULL, received_at INTEGER NOT NULL, body TEXT NOT NULL) STRICT;
      CREATE INDEX events_by_user ON events (user_id, name, ts);`);
    const insert = raw.prepare(
      'INSERT INTO events (message_id, user_id, type, name, ts, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const rawStart = performance.now();
    const insertBatch = raw.transaction((rows: UserEvent[]) => {
      const now = Date.now();
      for (const e of rows) {
        insert.run(
          e.messageId,
          e.userId,
          e.type,
          e.type === 'track' ? e.event : '',
          e.timestamp,
          now,
          JSON.stringify(e.type === 'track' ? e.properties : e.traits),
        );
      }
    });
    for (let i = 0; i < events.length; i += batch) insertBatch(events.slice(i, i + batch));
    const rawSeconds = (performance.now() - rawStart) / 1000;
    rawCheckpointer?.stop();
    raw.close();
    const rawRate = count / rawSeconds;
    console.log(
      `raw better-sqlite3 inserts: ${count} rows in ${rawSeconds.toFixed(2)} s = ${Math.round(rawRate)} rows/s`,
    );

    const store = openStore(join(dir, 'engine'), { backgroundCheckpoints: true });
    const journey = Journey.parse(
      JSON.parse(readFileSync(join(root, 'resources/journeys/integration-setup.json'), 'utf8')),
    );
    store.journeys.saveDraft({ id: journey.id, name: journey.name, json: JSON.stringify(journey) });
    store.journeys.publish(journey.id);
    const engine = createEngine({ store, clock: systemClock });
    const engineStart = performance.now();
    for (let i = 0; i < events.length; i += batch) engine.ingest(events.slice(i, i + batch));
    const engineSeconds = (performance.now() - engineStart) / 1000;
    const engineRate = count / engineSeconds;
    const outbox = store.outbox.counts().pending;
    store.close();
    console.log(
      `engine batch path: ${count} events in ${engineSeconds.toFixed(2)} s = ${Math.round(engineRate)} events/s (${outbox} emails queued)`,
    );

    const floorRate = sameWritesEventsPerSecond(dir, events, batch, journey);
    const httpRate = await httpIngest(dir, Math.min(count, 100_000), start);
    const ratio = engineRate / rawRate;
    console.log(
      `ratio engine/raw = ${ratio.toFixed(3)} (goal >= 0.5); HTTP = ${Math.round(httpRate)} events/s (goal >= 20000)`,
    );
    console.log(
      `the engine's writes alone, no interpreter: ${Math.round(floorRate)} events/s = ${(floorRate / rawRate).toFixed(3)} of raw inserts`,
    );
    console.log(
      JSON.stringify({
        ratio: Number(ratio.toFixed(3)),
        http_events_per_s: Math.round(httpRate),
        engine_events_per_s: Math.round(engineRate),
        raw_rows_per_s: Math.round(rawRate),
        writes_floor_events_per_s: Math.round(floorRate),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The floor for the rows the engine keeps: every row write the engine made for these events (events,
 * runs, journal, outbox, profiles), recorded in an untimed pass, then replayed through the same store
 * code, batch for batch, with no interpreter.
 */
function sameWritesEventsPerSecond(dir: string, events: UserEvent[], batch: number, journey: Journey): number {
  const recorded = openStore(join(dir, 'record'), { backgroundCheckpoints: true });
  recorded.journeys.saveDraft({ id: journey.id, name: journey.name, json: JSON.stringify(journey) });
  recorded.journeys.publish(journey.id);
  const log: { current: StoreWrite[] } = { current: [] };
  const engine = createEngine({ store: recordingStore(recorded, log), clock: systemClock });
  const batches: StoreWrite[][] = [];
  for (let i = 0; i < events.length; i += batch) {
    log.current = [];
    batches.push(log.current);
    engine.ingest(events.slice(i, i + batch));
  }
  recorded.close();
  const replay = openStore(join(dir, 'replay'), { backgroundCheckpoints: true });
  const replayStart = performance.now();
  for (const writes of batches) {
    replay.writeTransaction(() => {
      for (const write of writes) write(replay);
    });
  }
  const seconds = (performance.now() - replayStart) / 1000;
  const rows = batches.reduce((n, writes) => n + writes.length, 0);
  replay.close();
  console.log(`the engine's ${rows} row writes replayed with no interpreter in ${seconds.toFixed(2)} s`);
  return events.length / seconds;
}

/**
 * Serves /v1/batch in this process (the headless host with the seed journey live) and posts from a
 * client in another process (test/bench/http-client.ts), so the figure is the server's.
 */
async function httpIngest(dir: string, count: number, start: number): Promise<number> {
  const core: AppCore = createAppCore({
    dataDir: join(dir, 'http'),
    resourcesDir: join(root, 'resources'),
    host: 'server',
    startScheduler: false,
  });
  core.store.journeys.publish('integration-setup');
  core.runtime.engine.journeysChanged();
  const host = await startHeadlessHost({ core, rendererDir: join(dir, 'none'), port: 0 });
  const auth = `Basic ${Buffer.from(`${core.runtime.writeKey().key}:`).toString('base64')}`;
  const client = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'test/bench/http-client.ts'),
      `${host.url}/v1/batch`,
      auth,
      String(count),
      String(start),
    ],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: client.stdout });
  const result = await new Promise<{ seconds: number; events: number }>((resolve, reject) => {
    client.on('exit', (code) => reject(new Error(`the HTTP client exited with ${code}`)));
    lines.on('line', (line) => {
      if (line === 'ready') client.stdin.write('go\n');
      else if (line.startsWith('{')) resolve(JSON.parse(line));
    });
  });
  client.stdin.end();
  const seconds = result.seconds;
  await host.close();
  await core.close();
  console.log(`HTTP /v1/batch: ${result.events} events in ${seconds.toFixed(2)} s`);
  return result.events / seconds;
}
