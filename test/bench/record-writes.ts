import type { Store } from '../../electron/store';

/**
 * For the benches' write floors: a store that records the engine's row writes as calls that can be
 * replayed, through the same store code, on another store.
 */
export type StoreWrite = (store: Store) => unknown;

/** A store whose row writes also append, to `log.current`, a call that repeats them on another store. */
export function recordingStore(store: Store, log: { current: StoreWrite[] }): Store {
  const record = <T>(write: (s: Store) => T): T => {
    log.current.push(write);
    return write(store);
  };
  return {
    ...store,
    events: { ...store.events, insert: (event, at) => record((s) => s.events.insert(event, at)) },
    runs: { ...store.runs, save: (run, isNew) => record((s) => s.runs.save(run, isNew)) },
    outbox: { ...store.outbox, add: (item, at) => record((s) => s.outbox.add(item, at)) },
    journal: { ...store.journal, append: (userId, at, batch) => record((s) => s.journal.append(userId, at, batch)) },
    profiles: { ...store.profiles, save: (userId, traits, at) => record((s) => s.profiles.save(userId, traits, at)) },
  };
}
