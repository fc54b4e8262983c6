import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openStore, type Store } from '../../electron/store';
import { openDatabase } from '../../electron/store/database';
import type { JournalBatch } from '../../electron/store/journal-repo';
import { tempDataDir } from './fixtures';

let data: ReturnType<typeof tempDataDir>;
let store: Store;

beforeEach(() => {
  data = tempDataDir();
  store = openStore(join(data.dir, 'db'));
});
afterEach(() => {
  store.close();
  data.cleanup();
});

const batch: JournalBatch = {
  outcomes: [
    { at: 5, userId: 'ada', journeyId: 'j', nodeId: 'mail', type: 'email', subject: 'Hi' },
    { at: 6, userId: 'ada', journeyId: 'j', nodeId: 'mail', type: 'skip', reason: 'stale' },
  ],
  decisions: [
    { at: 5, userId: 'ada', journeyId: 'j', runId: 'j:ada:1', nodeId: 'wait', message: 'Waited 2 hours: timed out.' },
    { at: 5, userId: 'ada', journeyId: '', runId: null, nodeId: null, message: 'Ignored a duplicate.' },
  ],
};

describe('journal', () => {
  test('reads back exactly what was appended, oldest first, up to the limit', () => {
    store.journal.append('ada', 5, batch);
    store.journal.append('ada', 7, { outcomes: [], decisions: [{ ...batch.decisions[0], at: 7 } as never] });
    store.journal.append('bob', 8, { outcomes: [], decisions: [] });
    const read = store.journal.forUser('ada', 10);
    expect(read).toEqual([
      { at: 5, ...batch },
      { at: 7, outcomes: [], decisions: [{ ...batch.decisions[0], at: 7 }] },
    ]);
    expect(store.journal.forUser('ada', 1).map((r) => r.at)).toEqual([7]);
  });

  test('rows written in the first format ({outcomes, decisions}) still read', () => {
    const db = openDatabase(store.file);
    db.prepare('INSERT INTO journal (user_id, at, entries) VALUES (?, ?, ?)').run('ada', 5, JSON.stringify(batch));
    db.close();
    expect(store.journal.forUser('ada', 10)).toEqual([{ at: 5, ...batch }]);
  });

  test('rows written in the second format ({o, d} with outcome objects) still read', () => {
    const o = batch.outcomes.map(({ userId: _, ...rest }) => rest);
    const d = batch.decisions.map((x) => [x.at, x.journeyId, x.runId, x.nodeId, x.message]);
    const db = openDatabase(store.file);
    db.prepare('INSERT INTO journal (user_id, at, entries) VALUES (?, ?, ?)').run('ada', 5, JSON.stringify({ o, d }));
    db.close();
    expect(store.journal.forUser('ada', 10)).toEqual([{ at: 5, ...batch }]);
  });

  test('a step about one run writes its journey and run once', () => {
    const run = { userId: 'ada', journeyId: 'integration-setup', runId: 'integration-setup:ada:1' };
    store.journal.append('ada', 5, {
      outcomes: [{ at: 5, userId: 'ada', journeyId: run.journeyId, nodeId: 'confirm', type: 'email', subject: 'Hi' }],
      decisions: ['Entered.', 'Sent email "Hi".', 'Waiting 2 hours.'].map((message) => ({
        at: 5,
        nodeId: 'n',
        ...run,
        message,
      })),
    });
    const db = openDatabase(store.file);
    const stored = db.prepare('SELECT entries FROM journal').pluck().get() as string;
    db.close();
    expect(stored.split(run.runId)).toHaveLength(2);
    expect(store.journal.forUser('ada', 1)[0]?.decisions.map((d) => d.runId)).toEqual([
      run.runId,
      run.runId,
      run.runId,
    ]);
  });
});
