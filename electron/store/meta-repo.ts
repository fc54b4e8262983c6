import type { Database } from 'better-sqlite3';
import { type ChangeSink, NO_CHANGES } from './changes';

/** Small facts about this data folder, e.g. whether the example journeys were already installed. */
export interface MetaRepo {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

export function createMetaRepo(db: Database, changes: ChangeSink = NO_CHANGES): MetaRepo {
  const getStatement = db.prepare<[string], { value: string }>('SELECT value FROM app_meta WHERE key = ?');
  const setStatement = db.prepare<[string, string]>(
    'INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    get: (key) => getStatement.get(key)?.value,
    set: (key, value) => {
      setStatement.run(key, value);
      changes.setting(key);
    },
  };
}
