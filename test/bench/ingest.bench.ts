import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppCore, createAppCore } from '../../electron/app/core';
import { startHeadlessHost } from '../../electron/app/headless';
import { systemClock } from '../../electron/engine/clock';
import { createEngine } from '../../electron/engine/engine';
import { openStore } from '../../electron/store';
import { openDatabase } from '../../electron/store/database';
import type { UserEvent } from '../../shared/engine/types';
import { Journey } from '../../shared/journey/schema';
import { generateEvents } from './ingest-data';

const root = join(import.meta.dirname, '../..');

/**
 * `npm run bench -- ingest [COUNT]`: COUNT (200k) events through the engine's batch path with the seed
 * journey live, against raw better-sqlite3 inserts of the same rows into an equally indexed table,
 * in one run; then HTTP batch ingestion. Last line: {"ratio","http_events_per_s",...}.
 */
export async function main(args: string[]): Promise<void> {
  const count = Number(args[0] ?? 200_000);
  const batch = 1000;
  const events = generateEvents(count, Date.now() - 3_600_000, 3_600_000);
  const dir = mkdtempSync(join(tmpdir(), 'dripagent-bench-ingest-'));
  try {
    // Baseline: the same rows, an equally indexed table, the same pragmas, the same batch size.
    const raw = openDatabase(join(dir, 'raw.db'));
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
    raw.close();
    const rawRate = count / rawSeconds;
    console.log(
      `raw better-sqlite3 inserts: ${count} rows in ${rawSeconds.toFixed(2)} s = ${Math.round(rawRate)} rows/s`,
    );

    const store = openStore(join(dir, 'engine'));
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

    const httpRate = await httpIngest(dir, events.slice(0, Math.min(count, 100_000)));
    const ratio = engineRate / rawRate;
    console.log(
      `ratio engine/raw = ${ratio.toFixed(3)} (goal >= 0.5); HTTP = ${Math.round(httpRate)} events/s (goal >= 20000)`,
    );
    console.log(
      JSON.stringify({
        ratio: Number(ratio.toFixed(3)),
        http_events_per_s: Math.round(httpRate),
        engine_events_per_s: Math.round(engineRate),
        raw_rows_per_s: Math.round(rawRate),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Posts /v1/batch requests of 500 events (about Segment's 500 KB) from 4 concurrent clients. */
async function httpIngest(dir: string, events: UserEvent[]): Promise<number> {
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
  const bodies: string[] = [];
  for (let i = 0; i < events.length; i += 500) {
    bodies.push(
      JSON.stringify({
        batch: events.slice(i, i + 500).map((e) =>
          e.type === 'track'
            ? {
                type: 'track',
                event: e.event,
                userId: e.userId,
                properties: e.properties,
                timestamp: new Date(e.timestamp).toISOString(),
                messageId: e.messageId,
              }
            : {
                type: 'identify',
                userId: e.userId,
                traits: e.traits,
                timestamp: new Date(e.timestamp).toISOString(),
                messageId: e.messageId,
              },
        ),
      }),
    );
  }
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const res = await fetch(`${host.url}/v1/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: auth },
        body,
      });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  const seconds = (performance.now() - start) / 1000;
  await host.close();
  core.close();
  console.log(`HTTP /v1/batch: ${events.length} events in ${seconds.toFixed(2)} s`);
  return events.length / seconds;
}
