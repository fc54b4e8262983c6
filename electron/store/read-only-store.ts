import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEventsRepo } from './events-repo';
import { createHistoryRepo } from './history-repo';
import { DATABASE_FILE_NAME, type Store } from './index';
import { createJourneysRepo } from './journeys-repo';
import { createMetaRepo } from './meta-repo';
import { createOutboxRepo } from './outbox-repo';
import { createProfilesRepo } from './profiles-repo';
import { createRunsRepo } from './runs-repo';

/** The repos a replay reads (backtest, forecast), on a connection that cannot write. */
export type ReadOnlyStore = Pick<Store, 'history' | 'journeys' | 'meta' | 'runs' | 'profiles' | 'events' | 'outbox'> & {
  close(): void;
};

/** What a command that reads a data folder says when the folder holds no DripAgent database. */
export const missingDataMessage = (dataDir: string) =>
  `no DripAgent data in ${dataDir} (${DATABASE_FILE_NAME} is missing)`;

/**
 * Opens a data folder's database read-only: a replay can never change what it reads, and, with
 * WAL, it never holds up the host writing next to it (on a worker thread, or in another process
 * such as `dripagent backtest`). Nothing is created or migrated.
 * @throws when the folder holds no DripAgent database
 */
export function openReadOnlyStore(dataDir: string, options: { nativeBinding?: string } = {}): ReadOnlyStore {
  const file = join(dataDir, DATABASE_FILE_NAME);
  if (!existsSync(file)) throw new Error(missingDataMessage(dataDir));
  const db = new Database(file, {
    readonly: true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    db.pragma('busy_timeout = 5000');
    return {
      history: createHistoryRepo(db),
      journeys: createJourneysRepo(db, () => new Date()),
      meta: createMetaRepo(db),
      runs: createRunsRepo(db),
      profiles: createProfilesRepo(db),
      events: createEventsRepo(db),
      outbox: createOutboxRepo(db),
      close: () => db.close(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
