import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { UserTrace } from '../../electron/engine/trace';
import { openStore } from '../../electron/store';
import { publish, saveDraft } from '../../electron/store/pg/journey-rows';
import { migratePostgres } from '../../electron/store/pg/migrate';
import { pgMigrations } from '../../electron/store/pg/migrations';
import { openPostgres } from '../../electron/store/pg/pool';
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

describe('import and trace with --database-url', () => {
  test('the same history imported into a data folder and into PostgreSQL traces the same', async () => {
    const journey = loadSeed('integration-setup');
    const data = tempDataDir();
    const url = await server.createDatabase();
    const pool = openPostgres(url, { size: 1, engineId: 'test' });
    try {
      const store = openStore(data.dir);
      store.journeys.saveDraft({ id: journey.id, name: journey.name, json: JSON.stringify(journey) });
      store.journeys.publish(journey.id);
      store.close();
      await migratePostgres(pool, pgMigrations, 'the test database');
      await saveDraft(pool, { id: journey.id, name: journey.name, json: JSON.stringify(journey) }, new Date());
      await publish(pool, journey.id, new Date());

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

  test('trace on a database that was never migrated says how to fix it', async () => {
    const url = await server.createDatabase();
    const result = cli(['trace', 'ann', '--database-url', url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /there is no DripAgent schema here: run `dripagent migrate --database-url URL` first/,
    );
  });
});

describe('commands that read SQLite only', () => {
  test.each([
    ['report', ['report', 'funnel']],
    ['report', ['report', 'journey', 'integration-setup']],
    ['backtest', ['backtest', '--id', 'integration-setup', '--from', '2026-01-01', '--to', '2026-02-01']],
    ['forecast', ['forecast']],
  ])('%s refuses a PostgreSQL database instead of reading an empty data folder', (command, args) => {
    const data = tempDataDir();
    try {
      const url = 'postgres://drip:secret@127.0.0.1:9/drip';
      for (const result of [
        cli([...args, '--data', data.dir, '--database-url', url]),
        cli([...args, '--data', data.dir], { DRIPAGENT_DATABASE_URL: url }),
      ]) {
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(
          `dripagent ${command}: ${command} reads a SQLite data folder (--data) and cannot read PostgreSQL yet`,
        );
        expect(result.stderr).not.toContain('secret');
      }
    } finally {
      data.cleanup();
    }
  });
});
