import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { canonicalJourneyText } from '../../electron/journeys/canonical';
import { openStore, type Store } from '../../electron/store';
import { sampleJourney, tempDataDir } from './fixtures';

let data: ReturnType<typeof tempDataDir>;
let store: Store;
/** The store's clock; tests move it explicitly. */
let clock: string;

beforeEach(() => {
  data = tempDataDir();
  clock = '2026-01-01T00:00:00.000Z';
  store = openStore(data.dir, { now: () => new Date(clock) });
});
afterEach(() => {
  store.close();
  data.cleanup();
});

const draftOf = (id: string, name = id) => ({ id, name, json: canonicalJourneyText(sampleJourney(id, name)) });

describe('journeys repository', () => {
  test('saving a new journey stores it as a draft that was never published', () => {
    const summary = store.journeys.saveDraft(draftOf('welcome', 'Welcome'));
    expect(summary).toEqual({
      id: 'welcome',
      name: 'Welcome',
      status: 'draft',
      updatedAt: '2026-01-01T00:00:00.000Z',
      latestVersion: null,
      hasUnpublishedChanges: true,
    });
    expect(store.journeys.get('welcome')?.draft).toBe(draftOf('welcome', 'Welcome').json);
  });

  test('saving again replaces the draft and its name, and moves updatedAt', () => {
    store.journeys.saveDraft(draftOf('welcome', 'Welcome'));
    clock = '2026-01-02T00:00:00.000Z';
    const summary = store.journeys.saveDraft(draftOf('welcome', 'Hello'));
    expect(summary.name).toBe('Hello');
    expect(summary.updatedAt).toBe('2026-01-02T00:00:00.000Z');
    expect(store.journeys.count()).toBe(1);
  });

  test('the list is ordered by name', () => {
    store.journeys.saveDraft(draftOf('b', 'Zebra'));
    store.journeys.saveDraft(draftOf('a', 'Aardvark'));
    expect(store.journeys.list().map((j) => j.name)).toEqual(['Aardvark', 'Zebra']);
  });

  test('publishing snapshots the draft as version 1 and makes a draft journey live', () => {
    store.journeys.saveDraft(draftOf('welcome'));
    clock = '2026-01-03T00:00:00.000Z';
    expect(store.journeys.publish('welcome')).toEqual({ version: 1, publishedAt: '2026-01-03T00:00:00.000Z' });
    const summary = store.journeys.get('welcome')?.summary;
    expect(summary).toMatchObject({ status: 'live', latestVersion: 1, hasUnpublishedChanges: false });
    expect(store.journeys.getVersion('welcome', 1)?.json).toBe(draftOf('welcome').json);
  });

  test('a published version does not change when the draft is edited, and the next publish is version 2', () => {
    store.journeys.saveDraft(draftOf('welcome', 'First'));
    store.journeys.publish('welcome');
    store.journeys.saveDraft(draftOf('welcome', 'Second'));
    expect(store.journeys.get('welcome')?.summary.hasUnpublishedChanges).toBe(true);
    expect(store.journeys.getVersion('welcome', 1)?.json).toContain('"name": "First"');
    expect(store.journeys.publish('welcome')?.version).toBe(2);
    expect(store.journeys.versions('welcome').map((v) => v.version)).toEqual([1, 2]);
  });

  test('a saved simulator scenario is not an unpublished change; an edited step is', () => {
    store.journeys.saveDraft(draftOf('welcome'));
    store.journeys.publish('welcome');
    const scenario = { id: 's1', name: 'Stalls', profile: {}, timeline: '+5m signed_up' };
    const withScenario = { ...sampleJourney('welcome', 'welcome'), scenarios: [scenario] };
    store.journeys.saveDraft({ id: 'welcome', name: 'welcome', json: canonicalJourneyText(withScenario) });
    expect(store.journeys.get('welcome')?.summary.hasUnpublishedChanges).toBe(false);
    expect(store.journeys.list()[0]?.hasUnpublishedChanges).toBe(false);
    const edited = { ...withScenario, exitRules: [{ event: 'deleted_account', filters: [] }] };
    store.journeys.saveDraft({ id: 'welcome', name: 'welcome', json: canonicalJourneyText(edited) });
    expect(store.journeys.get('welcome')?.summary.hasUnpublishedChanges).toBe(true);
  });

  test('the database itself refuses to update a published version', () => {
    store.journeys.saveDraft(draftOf('welcome'));
    store.journeys.publish('welcome');
    const db = new Database(store.file);
    expect(() => db.prepare("UPDATE journey_versions SET json = '{}'").run()).toThrow(/immutable/);
    db.close();
  });

  test('publishing a journey that does not exist returns undefined and stores nothing', () => {
    expect(store.journeys.publish('ghost')).toBeUndefined();
    expect(store.journeys.versions('ghost')).toEqual([]);
  });

  test('deleting a journey removes its versions too, and reports whether there was one', () => {
    store.journeys.saveDraft(draftOf('welcome'));
    store.journeys.publish('welcome');
    expect(store.journeys.delete('welcome')).toBe(true);
    expect(store.journeys.get('welcome')).toBeUndefined();
    expect(store.journeys.versions('welcome')).toEqual([]);
    expect(store.journeys.delete('welcome')).toBe(false);
  });

  test('journeys survive closing and reopening the store', () => {
    store.journeys.saveDraft(draftOf('welcome'));
    store.close();
    store = openStore(data.dir);
    expect(store.journeys.list().map((j) => j.id)).toEqual(['welcome']);
  });
});
