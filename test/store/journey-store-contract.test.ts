import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { canonicalJourneyText } from '../../electron/journeys/canonical';
import type { JourneyStore } from '../../electron/journeys/journey-store';
import { openStore } from '../../electron/store';
import { retireAndDelete } from '../../electron/store/pg/journey-rows';
import { createPgJourneyStore } from '../../electron/store/pg/journey-store';
import { migratePostgres } from '../../electron/store/pg/migrate';
import { pgMigrations } from '../../electron/store/pg/migrations';
import { openPostgres } from '../../electron/store/pg/pool';
import { inTransaction } from '../../electron/store/pg/transaction';
import { startPostgres, type TestPostgres } from '../postgres';
import { sampleJourney, tempDataDir } from './fixtures';

/** The journey handlers' store on both databases, with a clock the tests move. */
interface StoreUnderTest {
  journeys: JourneyStore & { setStatus(id: string, status: 'live' | 'paused'): boolean | Promise<boolean> };
  clock: { at: string };
  close(): Promise<void>;
}

function sqliteStore(): StoreUnderTest {
  const data = tempDataDir();
  const clock = { at: '2026-01-01T00:00:00.000Z' };
  const store = openStore(data.dir, { now: () => new Date(clock.at) });
  return {
    journeys: store.journeys,
    clock,
    close: async () => {
      store.close();
      data.cleanup();
    },
  };
}

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(() => server?.stop());

async function postgresStore(): Promise<StoreUnderTest> {
  const pool = openPostgres(await server.createDatabase(), { size: 2, engineId: 'test' });
  await migratePostgres(pool, pgMigrations, 'the test database');
  const clock = { at: '2026-01-01T00:00:00.000Z' };
  const journeys = createPgJourneyStore(pool, {
    now: () => new Date(clock.at),
    retire: async (id) => (await inTransaction(pool, (sql) => retireAndDelete(sql, id, Date.now()))).deleted,
  });
  return { journeys, clock, close: () => pool.end() };
}

const draftOf = (id: string, name = id, subject?: string) => {
  const journey = sampleJourney(id, name);
  if (subject && journey.templates?.hello) journey.templates.hello.subject = subject;
  return { id, name, json: canonicalJourneyText(journey) };
};

describe.each([
  ['SQLite', async () => sqliteStore()],
  ['PostgreSQL', postgresStore],
])('the journey store on %s', (_name, open) => {
  test('drafts, the list by name, publishing, versions, unpublished changes, pause and delete', async () => {
    const { journeys, clock, close } = await open();
    try {
      expect(await journeys.saveDraft(draftOf('welcome', 'Welcome'))).toEqual({
        id: 'welcome',
        name: 'Welcome',
        status: 'draft',
        updatedAt: '2026-01-01T00:00:00.000Z',
        latestVersion: null,
        hasUnpublishedChanges: true,
      });
      await journeys.saveDraft(draftOf('alpha', 'Aardvark'));
      expect((await journeys.list()).map((j) => j.name)).toEqual(['Aardvark', 'Welcome']);
      expect(await journeys.setStatus('welcome', 'paused')).toBe(false);

      clock.at = '2026-01-03T00:00:00.000Z';
      expect(await journeys.publish('welcome')).toEqual({ version: 1, publishedAt: '2026-01-03T00:00:00.000Z' });
      expect(await journeys.publish('missing')).toBeUndefined();
      expect((await journeys.get('welcome'))?.summary).toMatchObject({
        status: 'live',
        latestVersion: 1,
        hasUnpublishedChanges: false,
      });
      expect((await journeys.getVersion('welcome', 1))?.json).toBe(draftOf('welcome', 'Welcome').json);

      // Saved scenarios are not journey logic; a changed subject is.
      const withScenario = JSON.parse(draftOf('welcome', 'Welcome').json);
      withScenario.scenarios = [{ id: 's', name: 'S', events: [] }];
      await journeys.saveDraft({ id: 'welcome', name: 'Welcome', json: JSON.stringify(withScenario) });
      expect((await journeys.get('welcome'))?.summary.hasUnpublishedChanges).toBe(false);
      await journeys.saveDraft(draftOf('welcome', 'Welcome', 'Hello again'));
      expect((await journeys.get('welcome'))?.summary.hasUnpublishedChanges).toBe(true);
      clock.at = '2026-01-04T00:00:00.000Z';
      await journeys.publish('welcome');
      expect((await journeys.versions('welcome')).map((v) => v.version)).toEqual([1, 2]);

      expect(await journeys.setStatus('welcome', 'paused')).toBe(true);
      expect((await journeys.get('welcome'))?.summary.status).toBe('paused');
      // A paused journey stays paused when its draft is saved or a new version is published.
      await journeys.publish('welcome');
      expect((await journeys.get('welcome'))?.summary.status).toBe('paused');

      expect(await journeys.delete('welcome')).toBe(true);
      expect(await journeys.get('welcome')).toBeUndefined();
      expect(await journeys.delete('welcome')).toBe(false);
      expect((await journeys.list()).map((j) => j.id)).toEqual(['alpha']);
    } finally {
      await close();
    }
  }, 60_000);
});
