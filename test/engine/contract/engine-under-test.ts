import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgSuppressionHooks } from '../../../electron/app/pg-suppressions';
import { wireSuppressions } from '../../../electron/app/wire-suppressions';
import { ManualClock } from '../../../electron/engine/clock';
import { createEngine } from '../../../electron/engine/engine';
import { createPgEngine } from '../../../electron/engine/pg-engine';
import { createSuppressions } from '../../../electron/mail/suppression/suppressions';
import { openStore } from '../../../electron/store';
import { decodeJournal, type JournalBatch } from '../../../electron/store/journal-repo';
import { publish, saveDraft, setStatus } from '../../../electron/store/pg/journey-rows';
import { migratePostgres } from '../../../electron/store/pg/migrate';
import { pgMigrations } from '../../../electron/store/pg/migrations';
import { openPostgres } from '../../../electron/store/pg/pool';
import { decodeRun, type RunRow } from '../../../electron/store/runs-repo';
import type { Suppression } from '../../../electron/store/suppressions-repo';
import type { RunState, UserEvent } from '../../../shared/engine/types';
import type { Journey } from '../../../shared/journey/schema';
import { loadSeed, T0 } from '../../events';
import type { TestPostgres } from '../../postgres';

/** An outbox row as the contract tests compare them. */
export interface QueuedEffect {
  kind: 'email' | 'webhook';
  nodeId: string;
  userId: string;
  at: number;
}

/**
 * One live engine and its store, whichever the database: the contract suite runs the same tests
 * on SQLite and on PostgreSQL through this, and reads results back the same way.
 */
export interface EngineUnderTest {
  clock: ManualClock;
  ingest(events: UserEvent[]): Promise<void>;
  /** Fires until nothing is due at the clock's now. */
  fireAll(): Promise<void>;
  /** Moves the clock to T0 + offset, firing every wake-up on the way like a live scheduler would. */
  runUntil(offset: number): Promise<void>;
  publish(journey: Journey): Promise<void>;
  setPaused(journeyId: string, paused: boolean): Promise<void>;
  runs(userId: string): Promise<RunState[]>;
  /** Queued emails and webhooks, oldest first. */
  outbox(): Promise<QueuedEffect[]>;
  journal(userId: string): Promise<JournalBatch[]>;
  traits(userId: string): Promise<Record<string, unknown> | undefined>;
  /** Why an address is suppressed, if it is. */
  suppression(address: string): Promise<Suppression | undefined>;
  /** The names of a user's stored track events, in event-time order. */
  history(userId: string): Promise<string[]>;
  /** Calls kept for an anonymousId that no user has claimed yet. */
  anonymousKept(): Promise<number>;
  close(): Promise<void>;
}

type Engines = Pick<EngineUnderTest, 'clock'> & {
  nextWake(): Promise<number | null>;
  fireDue(): Promise<number>;
};

async function runUntil(e: Engines, offset: number): Promise<void> {
  const end = T0 + offset;
  for (let next = await e.nextWake(); next !== null && next <= end; next = await e.nextWake()) {
    e.clock.set(Math.max(next, e.clock.now()));
    while ((await e.fireDue()) > 0) {}
  }
  if (e.clock.now() < end) e.clock.set(end);
  while ((await e.fireDue()) > 0) {}
}

export async function sqliteEngine(journeyIds: readonly string[]): Promise<EngineUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'dripagent-contract-'));
  const store = openStore(dir);
  const clock = new ManualClock(T0);
  const engine = createEngine({ store, clock });
  wireSuppressions(engine, createSuppressions({ store, clock }));
  const publishJourney = async (journey: Journey) => {
    store.journeys.saveDraft({ id: journey.id, name: journey.name, json: JSON.stringify(journey) });
    store.journeys.publish(journey.id);
    engine.journeysChanged();
  };
  for (const id of journeyIds) await publishJourney(loadSeed(id));
  const engines: Engines = {
    clock,
    nextWake: async () => engine.nextWake(),
    fireDue: async () => engine.fireDue(),
  };
  return {
    clock,
    ingest: async (events) => void engine.ingest(events),
    fireAll: async () => {
      while (engine.fireDue() > 0) {}
    },
    runUntil: (offset) => runUntil(engines, offset),
    publish: publishJourney,
    setPaused: async (id, paused) => {
      store.journeys.setStatus(id, paused ? 'paused' : 'live');
      engine.journeysChanged();
    },
    runs: async (userId) => store.runs.forUser(userId),
    outbox: async () =>
      store.outbox
        .list({ limit: 1000 })
        .reverse()
        .map((r) => ({ kind: r.kind, nodeId: r.nodeId, userId: r.userId, at: r.at })),
    journal: async (userId) => store.journal.forUser(userId, 1000),
    traits: async (userId) => store.profiles.get(userId)?.traits,
    suppression: async (address) => store.suppressions.get(address),
    history: async (userId) => store.events.historyOf(userId).map((e) => e.event),
    anonymousKept: async () => store.anonymous.count(),
    close: async () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresEngine(server: TestPostgres, journeyIds: readonly string[]): Promise<EngineUnderTest> {
  const pool = openPostgres(await server.createDatabase(), { size: 4, engineId: 'contract' });
  await migratePostgres(pool, pgMigrations, 'the test database');
  const clock = new ManualClock(T0);
  const publishJourney = async (journey: Journey) => {
    await saveDraft(pool, { id: journey.id, name: journey.name, json: JSON.stringify(journey) }, new Date(T0));
    await publish(pool, journey.id, new Date(T0));
  };
  for (const id of journeyIds) await publishJourney(loadSeed(id));
  const engine = await createPgEngine({ pool, clock, batchHooks: pgSuppressionHooks(clock) });
  return {
    clock,
    ingest: async (events) => void (await engine.ingest(events)),
    fireAll: async () => {
      while ((await engine.fireDue()) > 0) {}
    },
    runUntil: (offset) => runUntil({ clock, nextWake: engine.nextWake, fireDue: () => engine.fireDue() }, offset),
    publish: publishJourney,
    // Written to the database only, as another engine would: this one follows at its next call.
    setPaused: async (id, paused) => void (await setStatus(pool, id, paused ? 'paused' : 'live')),
    runs: async (userId) =>
      (
        await pool.query<RunRow>('SELECT * FROM runs WHERE user_id = $1 ORDER BY entered_at, run_id COLLATE "C"', [
          userId,
        ])
      ).rows.map(decodeRun),
    outbox: async () =>
      (
        await pool.query<QueuedEffect & { node_id: string; user_id: string }>(
          'SELECT kind, node_id, user_id, at FROM outbox ORDER BY id',
        )
      ).rows.map((r) => ({ kind: r.kind, nodeId: r.node_id, userId: r.user_id, at: r.at })),
    journal: async (userId) =>
      (
        await pool.query<{ entries: string }>('SELECT entries FROM journal WHERE user_id = $1 ORDER BY id', [userId])
      ).rows.map((r) => decodeJournal(userId, r.entries)),
    traits: async (userId) => {
      const { rows } = await pool.query<{ traits: string }>('SELECT traits FROM profiles WHERE user_id = $1', [userId]);
      return rows[0] ? JSON.parse(rows[0].traits) : undefined;
    },
    suppression: async (address) => {
      const { rows } = await pool.query<{ s: Suppression }>(
        `SELECT json_build_object('address', address, 'userId', user_id, 'reason', reason, 'source', source,
           'detail', detail, 'at', at) AS s FROM suppressions WHERE address = $1`,
        [address],
      );
      return rows[0]?.s;
    },
    history: async (userId) =>
      (
        await pool.query<{ name: string }>(
          "SELECT name FROM events WHERE user_id = $1 AND type = 'track' ORDER BY ts, seq",
          [userId],
        )
      ).rows.map((r) => r.name),
    anonymousKept: async () =>
      (await pool.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM anonymous_events')).rows[0]?.n ?? 0,
    close: () => pool.end(),
  };
}
