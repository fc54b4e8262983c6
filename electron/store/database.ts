import Database from 'better-sqlite3';

export interface OpenDatabaseOptions {
  /** Path of a better_sqlite3.node built for this runtime (see shell/native-binding.ts). */
  nativeBinding?: string;
}

/**
 * Opens the SQLite file with the settings every connection needs. WAL lets the desktop app and a
 * `dripagent serve` read while the other writes; foreign keys are off by default in SQLite.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    // Only takes effect when the file is created (SQLite ignores it afterwards). Rows here are
    // large (rendered mail, run state, journal text): 8 KiB pages wrote about 10-25% faster than
    // the default 4 KiB in `npm run bench -- scheduler` and `-- ingest` on this machine.
    db.pragma('page_size = 8192');
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (file !== ':memory:' && mode !== 'wal') throw new Error(`SQLite refused WAL mode for ${file} (got ${mode})`);
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
