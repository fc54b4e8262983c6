import type { Database } from 'better-sqlite3';

/**
 * What a write changed, for the pushes to open windows (electron/api/pushes.ts). Repos whose
 * writers live outside the engine (the sender, the dev inbox, the settings) tell it here; the
 * engine reports its own writes itself. Told when the statement runs: a change inside a
 * transaction that rolls back is told anyway, which costs a listener one needless refetch.
 */
/** `journeyId`: the person's message in that journey was delivered, retried or given up. */
export type StoreChange =
  | { kind: 'person'; userId: string; journeyId?: string }
  | { kind: 'inbox' }
  | { kind: 'setting'; key: string };

/** The repos' side: one call per write, cheap enough for the sender's hot path. */
export interface ChangeSink {
  person(userId: string, journeyId?: string): void;
  inbox(): void;
  setting(key: string): void;
}

export interface StoreChanges extends ChangeSink {
  /** @returns unsubscribe */
  subscribe(listener: (change: StoreChange) => void): () => void;
  /**
   * True when another connection (another process on this data folder, e.g. the CLI next to the
   * desktop app) committed since the last call. One pragma, no disk read.
   */
  changedElsewhere(): boolean;
}

/** A sink that tells nobody, for repos built without a store (tests of one repo). */
export const NO_CHANGES: ChangeSink = { person() {}, inbox() {}, setting() {} };

export function createStoreChanges(db: Database): StoreChanges {
  const listeners = new Set<(change: StoreChange) => void>();
  const tell = (change: StoreChange) => {
    for (const listener of listeners) listener(change);
  };
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  let seenVersion = dataVersion.get() ?? 0;
  return {
    person(userId, journeyId) {
      if (listeners.size > 0)
        tell(journeyId === undefined ? { kind: 'person', userId } : { kind: 'person', userId, journeyId });
    },
    inbox() {
      if (listeners.size > 0) tell({ kind: 'inbox' });
    },
    setting(key) {
      if (listeners.size > 0) tell({ kind: 'setting', key });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    changedElsewhere() {
      // A store closed under a listener that still looks (a core that failed to start) has nothing new.
      if (!db.open) return false;
      const version = dataVersion.get() ?? 0;
      if (version === seenVersion) return false;
      seenVersion = version;
      return true;
    },
  };
}
