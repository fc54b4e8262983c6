import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../electron/engine/clock';
import { createPgEngine } from '../../electron/engine/pg-engine';
import { createPgScheduler } from '../../electron/engine/pg-scheduler';
import { createDatabaseClock } from '../../electron/store/pg/database-clock';
import { publish, saveDraft } from '../../electron/store/pg/journey-rows';
import { migratePostgres } from '../../electron/store/pg/migrate';
import { pgMigrations } from '../../electron/store/pg/migrations';
import { openPostgres } from '../../electron/store/pg/pool';
import { HOUR, identify, loadSeed, T0, track } from '../events';
import { startPostgres, type TestPostgres } from '../postgres';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(() => server?.stop());

async function database(): Promise<pg.Pool> {
  const pool = openPostgres(await server.createDatabase(), { size: 6, engineId: 'test' });
  await migratePostgres(pool, pgMigrations, 'the test database');
  const journey = loadSeed('integration-setup');
  await saveDraft(pool, { id: journey.id, name: journey.name, json: JSON.stringify(journey) }, new Date(T0));
  await publish(pool, journey.id, new Date(T0));
  return pool;
}

const reminders = async (pool: pg.Pool) =>
  (await pool.query("SELECT 1 FROM outbox WHERE node_id = 'credential_help'")).rowCount ?? 0;

describe('schedulers on one PostgreSQL database', () => {
  test("a wake-up made on one engine fires on another at once: the first engine's commit wakes it", async () => {
    const pool = await database();
    const clock = new ManualClock(T0 + 3 * HOUR);
    try {
      // B runs a scheduler and, finding nothing due, sleeps (30 s at most).
      const b = await createPgEngine({ pool, clock });
      const scheduler = createPgScheduler(b, pool, clock);
      await scheduler.start();
      await scheduler.settled();
      // A takes an event from 3 hours ago: the 2-hour reminder it schedules is already due.
      const notifier = createPgScheduler(await createPgEngine({ pool, clock }), pool, clock);
      const a = await createPgEngine({ pool, clock, onWakeupsChanged: () => notifier.notifyOthers() });
      const started = Date.now();
      await a.ingest([identify('u'), track('u', 'integration_started', 0, { integration_type: 'custom_api' })]);
      while ((await reminders(pool)) === 0 && Date.now() - started < 10_000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await reminders(pool)).toBe(1);
      // Woken by the NOTIFY, long before its 30-second sleep was over.
      expect(Date.now() - started).toBeLessThan(5_000);
      await scheduler.stop();
    } finally {
      await pool.end();
    }
  }, 30_000);

  test('a scheduler whose LISTEN connection is cut listens again, and is still woken', async () => {
    const pool = await database();
    const clock = new ManualClock(T0 + 3 * HOUR);
    const listening = async () =>
      (
        await pool.query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN dripagent_wakeups'",
        )
      ).rows.map((r) => r.pid);
    try {
      const b = await createPgEngine({ pool, clock });
      const scheduler = createPgScheduler(b, pool, clock, () => {});
      await scheduler.start();
      await scheduler.settled();
      const [cut] = await listening();
      expect(cut).toBeDefined();
      await pool.query('SELECT pg_terminate_backend($1)', [cut]);
      const started = Date.now();
      while (!(await listening()).some((pid) => pid !== cut) && Date.now() - started < 10_000) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect((await listening()).filter((pid) => pid !== cut)).toHaveLength(1);
      const notifier = createPgScheduler(await createPgEngine({ pool, clock }), pool, clock);
      const a = await createPgEngine({ pool, clock, onWakeupsChanged: () => notifier.notifyOthers() });
      const posted = Date.now();
      await a.ingest([identify('u'), track('u', 'integration_started', 0, { integration_type: 'custom_api' })]);
      while ((await reminders(pool)) === 0 && Date.now() - posted < 10_000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await reminders(pool)).toBe(1);
      expect(Date.now() - posted).toBeLessThan(5_000);
      await scheduler.stop();
    } finally {
      await pool.end();
    }
  }, 30_000);

  test('reads the database clock: engines on machines whose clocks differ agree on what is due', async () => {
    const pool = await database();
    try {
      const clock = await createDatabaseClock(pool);
      const { rows } = await pool.query<{ t: number }>(
        'SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS t',
      );
      expect(Math.abs(clock.now() - (rows[0]?.t ?? 0))).toBeLessThan(250);
      clock.stop();
    } finally {
      await pool.end();
    }
  });
});
