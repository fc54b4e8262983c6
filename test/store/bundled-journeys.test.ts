import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createAppCore } from '../../electron/app/core';
import { installBundledJourneys } from '../../electron/journeys/bundled';
import { openStore, type Store } from '../../electron/store';
import { sampleJourney, tempDataDir } from './fixtures';

let data: ReturnType<typeof tempDataDir>;
let store: Store;
let examples: string;

beforeEach(() => {
  data = tempDataDir();
  store = openStore(join(data.dir, 'db'));
  examples = join(data.dir, 'examples');
  mkdirSync(examples);
});
afterEach(() => {
  store.close();
  data.cleanup();
});

describe('bundled example journeys', () => {
  test('a new data folder gets every valid example; broken files are skipped with a reason', () => {
    writeFileSync(join(examples, 'welcome.json'), JSON.stringify(sampleJourney('welcome')));
    writeFileSync(join(examples, 'broken.json'), '{ "formatVersion": 1');
    writeFileSync(join(examples, 'notes.txt'), 'not a journey');
    const report = installBundledJourneys(store, examples);
    expect(report.installed).toEqual(['welcome']);
    expect(report.skipped).toEqual([{ file: 'broken.json', reason: expect.stringContaining('not JSON') }]);
    expect(store.journeys.list().map((j) => j.id)).toEqual(['welcome']);
  });

  test('examples the user deleted do not come back on the next start', () => {
    writeFileSync(join(examples, 'welcome.json'), JSON.stringify(sampleJourney('welcome')));
    installBundledJourneys(store, examples);
    store.journeys.delete('welcome');
    expect(installBundledJourneys(store, examples).installed).toEqual([]);
    expect(store.journeys.count()).toBe(0);
  });

  test('an empty or missing examples folder installs nothing', () => {
    expect(installBundledJourneys(store, join(data.dir, 'nowhere')).installed).toEqual([]);
    expect(store.journeys.count()).toBe(0);
  });

  test("the repository's own examples all install without problems", async () => {
    const resources = fileURLToPath(new URL('../../resources', import.meta.url));
    const files = readdirSync(join(resources, 'journeys')).filter((f) => f.endsWith('.json'));
    const core = createAppCore({ dataDir: join(data.dir, 'app'), resourcesDir: resources, host: 'server' });
    try {
      expect(core.store.journeys.count()).toBe(files.length);
    } finally {
      await core.close();
    }
  });
});
