import type { RunState, UserState } from '../../shared/engine/types';
import type { Store } from '../store';

/**
 * Users' interpreter state, loaded from SQLite and kept in a bounded cache. Every engine write
 * bumps the profile's state version, so a state cached here is used only while nobody else
 * (another process on the same data folder) has written that user since.
 */
export interface UserStates {
  /** The user's current state; must be called inside the write transaction. */
  load(userId: string): UserState;
  /** Records the state written for a user (call after the transaction commits). */
  remember(userId: string, state: UserState, version: number): void;
  forget(userId: string): void;
  size(): number;
}

export function createUserStates(store: Store, capacity = 50_000): UserStates {
  const cache = new Map<string, { state: UserState; version: number }>();
  const fromDb = (userId: string): UserState => {
    const profile = store.profiles.get(userId);
    const events = store.events.historyOf(userId);
    const runs: RunState[] = store.runs.forUser(userId);
    const seen: Record<string, true> = {};
    for (const e of events) seen[e.messageId] = true;
    return { userId, traits: profile?.traits ?? {}, events, seen, runs, sends: store.outbox.sendsOf(userId) };
  };
  return {
    load(userId) {
      const hit = cache.get(userId);
      if (hit) {
        const version = store.profiles.stateVersion(userId) ?? 0;
        if (version === hit.version) {
          // Refresh recency for the LRU order.
          cache.delete(userId);
          cache.set(userId, hit);
          return hit.state;
        }
      }
      return fromDb(userId);
    },
    remember(userId, state, version) {
      cache.delete(userId);
      cache.set(userId, { state, version });
      if (cache.size > capacity) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
    },
    forget: (userId) => void cache.delete(userId),
    size: () => cache.size,
  };
}
