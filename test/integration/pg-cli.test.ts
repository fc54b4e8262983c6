import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forecast, storeForecastSource } from '../../electron/backtest/forecast';
import { forecastOnPostgres } from '../../electron/backtest/pg-replay-jobs';
import type { UserTrace } from '../../electron/engine/trace';
import { NO_RATE_LIMIT } from '../../electron/mail/settings/sending-rate';
import { openStore } from '../../electron/store';
import { publish, saveDraft } from '../../electron/store/pg/journey-rows';
import { migratePostgres } from '../../electron/store/pg/migrate';
import { pgMigrations } from '../../electron/store/pg/migrations';
import { openPostgres } from '../../electron/store/pg/pool';
import { openReadOnlyStore } from '../../electron/store/read-only-store';
import { DEFAULT_ENGINE_CONFIG } from '../../shared/engine/types';
import type { Journey } from '../../shared/journey/schema';
import { cli } from '../cli';
import { loadSeed } from '../events';
import { startPostgres, type TestPostgres } from '../postgres';
import { tempDataDir } from '../store/fixtures';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(() => server?.stop());

const MIN = 60_000;

/** Two users' last hour: one connects in time, one does not (their reminders came due meanwhile). */
function historyFile(dir: string): string {
  const t0 = Date.now() - 3 * 60 * MIN;
  const lines = ['ann', 'bob'].flatMap((userId) => [
    {
      type: 'identify',
      userId,
      timestamp: new Date(t0).toISOString(),
      traits: { email: `${userId}@example.com`, createdAt: new Date(t0).toISOString() },
    },
    {
      type: 'track',
      event: 'integration_started',
      userId,
      timestamp: new Date(t0 + MIN).toISOString(),
      properties: { integration_type: 'custom_api' },
    },
  ]);
  lines.push({
    type: 'track',
    event: 'api_key_created',
    userId: 'ann',
    timestamp: new Date(t0 + 30 * MIN).toISOString(),
  } as (typeof lines)[number]);
  const file = join(dir, 'history.jsonl');
  writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  return file;
}

/** What a trace decided, without the times at which this run of the test happened. */
const decided = (trace: UserTrace) => ({
  outcomes: trace.outcomes.map((o) => `${o.journeyId} ${o.nodeId} ${o.type} ${o.reason ?? ''}`),
  messages: trace.messages.map((m) => `${m.kind} ${m.nodeId} ${m.status}`),
  runs: trace.runs.map((r) => `${r.journeyId} ${r.nodeId} ${r.status} ${r.endReason ?? ''}`),
  events: trace.events.length,
});

/** A data folder and a PostgreSQL database, each with the seed journey live. */
async function bothStores(settings: Partial<Journey['settings']> = {}) {
  const seed = loadSeed('integration-setup');
  const journey = { ...seed, settings: { ...seed.settings, ...settings } };
  const data = tempDataDir();
  const url = await server.createDatabase();
  const pool = openPostgres(url, { size: 1, engineId: 'test' });
  const store = openStore(data.dir);
  store.journeys.saveDraft({ id: journey.id, name: journey.name, json: JSON.stringify(journey) });
  store.journeys.publish(journey.id);
  store.close();
  await migratePostgres(pool, pgMigrations, 'the test database');
  await saveDraft(pool, { id: journey.id, name: journey.name, json: JSON.stringify(journey) }, new Date());
  await publish(pool, journey.id, new Date());
  return { journey, data, url, pool };
}

describe('import and trace with --database-url', () => {
  test('the same history imported into a data folder and into PostgreSQL traces the same', async () => {
    const { data, url, pool } = await bothStores();
    try {
      const file = historyFile(data.dir);
      const intoFolder = cli(['import', file, '--data', data.dir]);
      expect(intoFolder.code).toBe(0);
      const intoPostgres = cli(['import', file, '--database-url', url]);
      expect(intoPostgres.stderr).not.toMatch(/error|failed/i);
      expect(intoPostgres.code).toBe(0);
      expect(intoPostgres.stdout).toMatch(
        /Imported 5 events for 2 users into postgres:\/\/postgres@127\.0\.0\.1:\d+\/\w+ \(schema dripagent\) in [\d.]+ s \(0 already stored\)\.\n$/,
      );
      for (const userId of ['ann', 'bob']) {
        const folder = cli(['trace', userId, '--data', data.dir, '--json']);
        const postgres = cli(['trace', userId, '--json'], { DRIPAGENT_DATABASE_URL: url });
        expect(postgres.code).toBe(0);
        const expected = decided(JSON.parse(folder.stdout) as UserTrace);
        expect(expected.messages.length).toBeGreaterThan(0);
        expect(decided(JSON.parse(postgres.stdout) as UserTrace)).toEqual(expected);
      }
      const text = cli(['trace', 'bob', '--database-url', url]);
      expect(text.stdout).toContain('Journeys running: integration-setup (live, v1)');
      // Imported twice: every event is already there.
      expect(cli(['import', file, '--database-url', url]).stdout).toContain('(5 already stored)');
    } finally {
      await pool.end();
      data.cleanup();
    }
  }, 120_000);

  test.each([
    ['trace', 'ann'],
    ['report', 'funnel'],
    ['report', 'journey', 'integration-setup'],
    ['backtest', '--id', 'integration-setup', '--from', '2026-01-01', '--to', '2026-02-01'],
    ['forecast', '--days', '7'],
  ])('%s %s on a database that was never migrated says how to fix it', async (...args) => {
    const url = await server.createDatabase();
    const result = cli([...args, '--database-url', url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /there is no DripAgent schema here: run `dripagent migrate --database-url URL` first/,
    );
  });
  test('a database that cannot be reached is named without its password', () => {
    const result = cli(['report', 'funnel', '--database-url', 'postgres://drip:secret@127.0.0.1:9/drip']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('postgres://drip:***@127.0.0.1:9/drip (schema dripagent): connect ECONNREFUSED');
    expect(result.stderr).not.toContain('secret');
  });
});

/**
 * Forty users' setups over the last hours: roles, yes/no and numeric traits, integration types,
 * errors with codes, some connected and activated. Every breakdown of the funnel has groups.
 */
function cohortFile(dir: string): string {
  const t0 = Date.now() - 6 * 60 * MIN;
  const at = (minutes: number) => new Date(t0 + minutes * MIN).toISOString();
  const lines: object[] = [];
  for (let i = 0; i < 40; i++) {
    const userId = `user-${String(i).padStart(2, '0')}`;
    const track = (event: string, minutes: number, properties: object = {}) =>
      lines.push({ type: 'track', event, userId, timestamp: at(i + minutes), properties });
    lines.push({
      type: 'identify',
      userId,
      timestamp: at(i),
      traits: {
        email: `${userId}@example.com`,
        createdAt: at(i - 30),
        // A NUL inside a value is kept by ingestion (and refused by PostgreSQL's jsonb).
        role: i === 5 ? 'eng\u0000ineer' : ['engineer', 'marketer', 'founder'][i % 3],
        trial: i % 4 === 0,
        seats: i % 5,
      },
    });
    track('integration_started', 1, { integration_type: ['stripe', 'hubspot', 'custom_api'][i % 3] });
    if (i % 2 === 0) track('api_key_created', 20);
    if (i % 3 === 1) {
      const code = i === 7 ? 'E\u0000' : `E${i % 2}`;
      track('setup_error_seen', 25, { error_code: code });
      track('setup_error_seen', 90, { error_code: code });
    }
    if (i % 4 !== 3) track('test_event_sent', 60);
    if (i % 4 === 0) track('integration_connected', 100 + i);
    if (i % 8 === 0) track('workspace_activated', 200);
  }
  const file = join(dir, 'cohort.jsonl');
  writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  return file;
}

describe('report with --database-url', () => {
  test('the funnel, a journey’s results, a backtest and a forecast read the same from PostgreSQL as from a data folder', async () => {
    // With a goal and a holdout, so the results compare conversions and the lift too.
    const { journey, data, url, pool } = await bothStores({
      goal: { event: 'integration_connected', within: '7d' },
      holdoutPercent: 20,
    });
    try {
      const file = cohortFile(data.dir);
      expect(cli(['import', file, '--data', data.dir]).code).toBe(0);
      expect(cli(['import', file, '--database-url', url]).code).toBe(0);
      // Both have queued the same emails; deliver them, as a sender would, so the funnel counts them.
      const sent = "UPDATE outbox SET status = 'sent', sent_at = at WHERE kind = 'email'";
      const folder = new Database(join(data.dir, 'dripagent.db'));
      const delivered = folder.prepare(sent).run().changes;
      folder
        .prepare("INSERT INTO app_meta (key, value) VALUES ('metrics.activationEvent', 'workspace_activated')")
        .run();
      folder.close();
      expect(delivered).toBeGreaterThan(5);
      expect((await pool.query(`${sent.replace('outbox', 'dripagent.outbox')}`)).rowCount).toBe(delivered);
      await pool.query(
        "INSERT INTO dripagent.app_meta (key, value) VALUES ('metrics.activationEvent', 'workspace_activated')",
      );

      const period = ['--from', new Date(Date.now() - 86_400_000).toISOString(), '--to', new Date().toISOString()];
      const both = (args: string[]) => {
        const fromFolder = cli([...args, ...period, '--data', data.dir]);
        const fromPostgres = cli([...args, ...period], { DRIPAGENT_DATABASE_URL: url });
        expect(fromPostgres.stderr).not.toMatch(/error|warning/i);
        expect(fromPostgres.code).toBe(0);
        expect(fromFolder.code).toBe(0);
        return { folder: fromFolder.stdout, postgres: fromPostgres.stdout };
      };
      for (const by of [[], ['--by', 'role'], ['--by', 'integration_type'], ['--by', 'trial'], ['--by', 'seats']]) {
        const { folder: expected, postgres } = both(['report', 'funnel', '--json', ...by]);
        const report = JSON.parse(postgres);
        expect(report.groups.length).toBeGreaterThan(by.length > 0 ? 1 : 0);
        expect(report).toEqual(JSON.parse(expected));
      }
      const all = JSON.parse(both(['report', 'funnel', '--json']).postgres).groups[0];
      expect(all).toMatchObject({ key: 'all', started: 40, connected: 10 });
      expect(all.error_recurrence_rate).toBe(1);
      expect(all.activation.completed).toBeGreaterThan(0);
      const text = both(['report', 'funnel']);
      expect(text.postgres).toBe(text.folder);
      expect(text.postgres).toContain('workspace_activated:');

      const results = both(['report', 'journey', journey.id, '--json']);
      const parsed = JSON.parse(results.postgres);
      expect(parsed.entered).toBe(40);
      expect(parsed.holdout).toMatchObject({ percent: 20, comparison: expect.any(Object) });
      expect(parsed.messages.some((m: { recipients: number | null }) => (m.recipients ?? 0) > 0)).toBe(true);
      expect(parsed.messages.some((m: { delivered: number }) => m.delivered > 0)).toBe(true);
      expect(parsed).toEqual(JSON.parse(results.folder));
      // A backtest of the stored journey, and of a file, replays the same history to the same counts.
      const backtest = both(['backtest', '--id', journey.id, '--json']);
      const counts = JSON.parse(backtest.postgres);
      expect(counts.users).toBe(40);
      expect(counts.by_node.some((c: { type: string; count: number }) => c.type === 'email' && c.count > 0)).toBe(true);
      expect(counts).toEqual(JSON.parse(backtest.folder));
      const seedFile = join(data.dir, 'seed.json');
      writeFileSync(seedFile, JSON.stringify(journey));
      expect(JSON.parse(both(['backtest', '--journey', seedFile, '--json']).postgres)).toEqual(counts);
      expect(both(['backtest', '--id', journey.id]).postgres).toContain(`Backtest of ${journey.id} from `);
      // The forecast: the users in flight and the last 30 days' rates read the same from both.
      const job = {
        kind: 'forecast' as const,
        now: Date.now(),
        days: 14,
        config: { globalCap: DEFAULT_ENGINE_CONFIG.globalCap },
        pace: NO_RATE_LIMIT,
      };
      const readOnly = openReadOnlyStore(data.dir);
      const fromFolder = await forecast({ source: storeForecastSource(readOnly), ...job });
      readOnly.close();
      const fromPostgres = await forecastOnPostgres(pool, job);
      expect(fromPostgres?.inFlight).toBeGreaterThan(0);
      expect(fromPostgres?.emails_per_day.length).toBeGreaterThan(0);
      expect(fromPostgres).toEqual(fromFolder);
      const forecastCli = cli(['forecast', '--json', '--database-url', url]);
      expect(forecastCli.code).toBe(0);
      expect(JSON.parse(forecastCli.stdout).inFlight).toBe(fromPostgres?.inFlight);
      const unknown = cli(['backtest', '--id', 'nope', ...period, '--database-url', url]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/--id: there is no journey "nope" in postgres:\/\/postgres@127\.0\.0\.1/);
      const missing = cli(['report', 'journey', 'nope', ...period, '--database-url', url]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain(`There is no journey "nope". Journeys: ${journey.id}`);
    } finally {
      await pool.end();
      data.cleanup();
    }
  }, 180_000);
});
