import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatOutcome } from '../../electron/cli/simulate';
import { createPgEngine, type PgEngine } from '../../electron/engine/pg-engine';
import { decodeJournal } from '../../electron/store/journal-repo';
import { publish, saveDraft, setStatus } from '../../electron/store/pg/journey-rows';
import { migratePostgres } from '../../electron/store/pg/migrate';
import { pgMigrations } from '../../electron/store/pg/migrations';
import { openPostgres } from '../../electron/store/pg/pool';
import type { Journey } from '../../shared/journey/schema';
import { loadSeed, startCustomApiIntegrations } from '../events';
import { TestClock } from '../mail/fixtures';
import { startPostgres, type TestPostgres } from '../postgres';
import { type Case, generateCase, simulated, T0 } from './differential/cases';
import { Random } from './differential/random';

/**
 * Several engines on one PostgreSQL database: two engines given the same users' events at the
 * same time, and two schedulers firing the same wake-ups, must decide exactly what `simulate`
 * decides, each wake-up once.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Webhooks are decided, not sent, here: no request leaves the test. */
const HOOK_URL = 'http://127.0.0.1:9/hook';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(() => server?.stop());

async function database(journeys: readonly Journey[]): Promise<pg.Pool> {
  const pool = openPostgres(await server.createDatabase(), { size: 8, engineId: 'test' });
  await migratePostgres(pool, pgMigrations, 'the test database');
  for (const journey of journeys) {
    await saveDraft(pool, { id: journey.id, name: journey.name, json: JSON.stringify(journey) }, new Date(T0));
    await publish(pool, journey.id, new Date(T0));
  }
  return pool;
}

/** A database with the seed journey live, a manual clock at T0 and two engines on it. */
async function twoEngines() {
  const journey = loadSeed('integration-setup');
  const pool = await database([journey]);
  const clock = new TestClock(T0);
  const engines = [await createPgEngine({ pool, clock }), await createPgEngine({ pool, clock })] as [
    PgEngine,
    PgEngine,
  ];
  return { journey, pool, clock, engines };
}

async function outcomeLines(pool: pg.Pool, userId: string): Promise<string[]> {
  const { rows } = await pool.query<{ entries: string }>('SELECT entries FROM journal WHERE user_id = $1 ORDER BY id', [
    userId,
  ]);
  return rows.flatMap((r) => decodeJournal(userId, r.entries).outcomes.map(formatOutcome));
}

/** Both engines fire until neither finds anything due, at the same time. */
async function drain(engines: readonly PgEngine[]): Promise<number> {
  let fired = 0;
  for (;;) {
    const counts = await Promise.all(engines.map((e) => e.fireDue(50)));
    const round = counts.reduce((a, b) => a + b, 0);
    fired += round;
    if (round === 0) return fired;
  }
}

/**
 * Runs a case through two engines: each delivery goes either to both engines at once (the same
 * events twice, concurrently) or split by user between them (concurrently); wake-ups are fired by
 * both schedulers at once, each at its own time.
 */
async function runCase(c: Case, random: Random): Promise<Map<string, string[]>> {
  const pool = await database(c.journeys);
  const clock = new TestClock(T0 - DAY);
  const engines = [await createPgEngine({ pool, clock }), await createPgEngine({ pool, clock })];
  const [a, b] = engines as [PgEngine, PgEngine];
  const runTo = async (until: number, inclusive: boolean) => {
    for (let next = await a.nextWake(); next !== null && (inclusive ? next <= until : next < until); ) {
      clock.time = Math.max(next, clock.time);
      await drain(engines);
      next = await a.nextWake();
    }
  };
  try {
    for (const delivery of c.deliveries) {
      await runTo(delivery.at, false);
      clock.time = Math.max(delivery.at, clock.time);
      if (random.chance(0.5)) {
        await Promise.all([a.ingest(delivery.events), b.ingest(delivery.events)]);
      } else {
        const toA = new Set(c.userIds.filter(() => random.chance(0.5)));
        await Promise.all([
          a.ingest(delivery.events.filter((e) => toA.has(e.userId))),
          b.ingest(delivery.events.filter((e) => !toA.has(e.userId))),
        ]);
      }
      await drain(engines);
    }
    await runTo(c.horizon, true);
    const lines = new Map<string, string[]>();
    for (const userId of c.userIds) lines.set(userId, await outcomeLines(pool, userId));
    return lines;
  } finally {
    await pool.end();
  }
}

describe('several engines on one PostgreSQL database', () => {
  it('two engines ingesting the same users in parallel decide exactly what simulate decides', async () => {
    const random = new Random(20_261_204);
    let compared = 0;
    let emails = 0;
    const only = process.env.DRIPAGENT_PG_SEED;
    const seeds = only
      ? [Number(only)]
      : Array.from({ length: 80 }, (_, i) => (Math.imul(20_261_204, i + 1) ^ (i * 2_654_435_761)) >>> 0);
    for (const seed of seeds) {
      const c = generateCase(seed, HOOK_URL);
      const expected = simulated(c);
      const got = await runCase(c, random);
      for (const userId of c.userIds) {
        const lines = expected.get(userId) ?? [];
        expect(got.get(userId), `seed ${seed}, user ${userId}`).toEqual(lines);
        compared++;
        emails += lines.filter((l) => l.includes('"type":"email"')).length;
      }
    }
    // Not a vacuous pass: many users, and emails among what they were decided.
    if (only) return;
    expect(compared).toBeGreaterThan(50);
    expect(emails).toBeGreaterThan(40);
  }, 300_000);

  it('each wake-up fires once with two schedulers, and the same event posted to both is stored once', async () => {
    const { pool, clock, engines } = await twoEngines();
    try {
      const users = Array.from({ length: 300 }, (_, i) => `user-${i}`);
      const events = startCustomApiIntegrations(users, T0);
      const [first, second] = await Promise.all(engines.map((e) => e.ingest(events)));
      expect((first?.accepted ?? 0) + (second?.accepted ?? 0)).toBe(events.length);
      expect((first?.duplicates ?? 0) + (second?.duplicates ?? 0)).toBe(events.length);
      const stored = await pool.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM events');
      expect(stored.rows[0]?.n).toBe(events.length);
      // Two hours on, everyone's API-key reminder is due: both schedulers fire at once.
      clock.time = T0 + 2 * HOUR + 1000;
      const fired = await drain(engines);
      expect(fired).toBe(users.length);
      const reminders = await pool.query<{ user_id: string; n: number }>(
        `SELECT user_id, COUNT(*)::int AS n FROM outbox WHERE node_id = $1 GROUP BY user_id`,
        [await reminderNode(pool)],
      );
      expect(reminders.rows.length).toBe(users.length);
      expect(reminders.rows.every((r) => r.n === 1)).toBe(true);
      // The journal too: one decision per wake-up, never two engines deciding the same one.
      for (const userId of users.slice(0, 20)) {
        const lines = await outcomeLines(pool, userId);
        expect(new Set(lines).size, userId).toBe(lines.length);
      }
      expect(await engines[0]?.fireDue()).toBe(0);
    } finally {
      await pool.end();
    }
  }, 120_000);

  it('a pause on one engine holds the others, and resuming lets them go on', async () => {
    const { journey, pool, clock, engines } = await twoEngines();
    const [a, b] = engines;
    try {
      await a.ingest(startCustomApiIntegrations(['u1'], T0));
      expect(await setStatus(pool, journey.id, 'paused')).toBe(true);
      clock.time = T0 + 2 * HOUR + 1000;
      expect(await b.nextWake()).toBeNull();
      expect(await b.fireDue()).toBe(0);
      const before = await pool.query('SELECT 1 FROM outbox WHERE user_id = $1', ['u1']);
      await setStatus(pool, journey.id, 'live');
      expect(await b.nextWake()).not.toBeNull();
      expect(await b.fireDue()).toBe(1);
      const after = await pool.query('SELECT 1 FROM outbox WHERE user_id = $1', ['u1']);
      expect(after.rowCount).toBe((before.rowCount ?? 0) + 1);
    } finally {
      await pool.end();
    }
  }, 60_000);
  it('deleting a live journey on one engine ends its people’s runs for every engine; one made later with its id starts afresh', async () => {
    const { journey, pool, clock, engines } = await twoEngines();
    const [a, b] = engines;
    try {
      const people = ['p1', 'p2', 'p3', 'p4'];
      await b.ingest(startCustomApiIntegrations(people, T0));
      expect(await a.deleteJourney(journey.id)).toBe(4);
      const runs = await pool.query<{ status: string; end_reason: string; journey_id: string }>(
        'SELECT status, end_reason, journey_id FROM runs ORDER BY user_id',
      );
      expect(runs.rows.map((r) => `${r.status} ${r.end_reason}`)).toEqual(people.map(() => 'done journey_deleted'));
      expect(runs.rows.every((r) => r.journey_id.startsWith(`${journey.id}~deleted~`))).toBe(true);
      const outbox = await pool.query<{ status: string; last_error: string }>('SELECT status, last_error FROM outbox');
      expect(outbox.rows.map((r) => `${r.status}: ${r.last_error}`)).toEqual(
        people.map(() => 'failed: Not sent: the journey was deleted.'),
      );
      // Published again with the same id: B (which had these people cached) lets p1 enter anew,
      // and no wake-up of the old runs fires.
      await saveDraft(pool, { id: journey.id, name: journey.name, json: JSON.stringify(journey) }, new Date(T0));
      await publish(pool, journey.id, new Date(T0));
      clock.time = T0 + 3 * HOUR;
      expect(await b.fireDue()).toBe(0);
      await b.ingest([
        {
          type: 'track',
          event: 'integration_started',
          userId: 'p1',
          timestamp: T0 + 3 * HOUR,
          properties: { integration_type: 'stripe' },
          messageId: 'p1-again',
        },
      ]);
      const p1 = await pool.query<{ status: string }>(
        'SELECT status FROM runs WHERE user_id = $1 ORDER BY entered_at',
        ['p1'],
      );
      expect(p1.rows.map((r) => r.status)).toEqual(['done', 'active']);
    } finally {
      await pool.end();
    }
  }, 60_000);
});

/** The step whose email goes out when the API key has not come two hours after the start. */
async function reminderNode(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ node_id: string; n: number }>(
    `SELECT node_id, COUNT(*)::int AS n FROM outbox WHERE created_at > $1 GROUP BY node_id ORDER BY n DESC LIMIT 1`,
    [T0],
  );
  return rows[0]?.node_id ?? '';
}
