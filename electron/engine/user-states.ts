import { SeenIds } from '../../shared/engine/seen-ids';
import type { RunState, SentRecord, TrackEvent, UserState } from '../../shared/engine/types';
import type { Store } from '../store';

const EPOCH_KEY = 'engine_epoch';

/**
 * Users' interpreter state, loaded from SQLite and kept in a bounded cache.
 *
 * Coherence across processes (the desktop app, `dripagent serve`, `dripagent import` on the same
 * data folder): every engine write transaction bumps one epoch number in the store. A transaction
 * that finds an epoch other than the one this process wrote last drops the whole cache first.
 * Writers are serialised by SQLite (BEGIN IMMEDIATE), so no write is ever missed.
 */
export interface UserStates {
  /** Starts a write: call first inside the write transaction. */
  beginWrite(): void;
  /** Ends a write: call last inside the write transaction. */
  endWrite(): void;
  /** The user's current state, and whether a profile row exists for them. */
  load(userId: string): { state: UserState; hasProfile: boolean };
  /** Records the state written for a user (after the transaction commits). */
  remember(userId: string, state: UserState): void;
  forget(userId: string): void;
  /** True when the user's state is in memory (and current as of the last write of this process). */
  has(userId: string): boolean;
  clear(): void;
  size(): number;
}

/**
 * A user's interpreter state as stored: profile traits, track history, runs and emails sent.
 * The live engine loads users with it; the forecast too, on its read-only connection.
 */
export function loadUserState(
  store: Pick<Store, 'profiles' | 'events' | 'runs' | 'outbox'>,
  userId: string,
): { state: UserState; hasProfile: boolean } {
  const profile = store.profiles.get(userId);
  return userStateOf(
    userId,
    profile?.traits,
    store.events.historyOf(userId),
    store.runs.forUser(userId),
    store.outbox.sendsOf(userId),
  );
}

/** A user's interpreter state from its stored parts (`traits` undefined: no profile row yet). */
export function userStateOf(
  userId: string,
  traits: Record<string, unknown> | undefined,
  events: TrackEvent[],
  runs: RunState[],
  sends: SentRecord[],
): { state: UserState; hasProfile: boolean } {
  const state: UserState = {
    userId,
    traits: traits ?? {},
    events,
    seen: SeenIds.of(events.map((e) => e.messageId)),
    runs,
    sends,
  };
  return { state, hasProfile: traits !== undefined };
}

export function createUserStates(store: Store, capacity = 200_000): UserStates {
  const cache = new Map<string, UserState>();
  let knownEpoch = -1;
  let pendingEpoch = -1;
  const fromDb = (userId: string) => loadUserState(store, userId);
  return {
    beginWrite() {
      const epoch = Number(store.meta.get(EPOCH_KEY) ?? '0');
      if (epoch !== knownEpoch) cache.clear();
      pendingEpoch = epoch + 1;
    },
    endWrite() {
      store.meta.set(EPOCH_KEY, String(pendingEpoch));
      knownEpoch = pendingEpoch;
    },
    load(userId) {
      const hit = cache.get(userId);
      // Recency is refreshed by `remember`, which follows every write of a loaded user: moving the
      // entry here too cost two more map operations per user on the hot path.
      if (hit) return { state: hit, hasProfile: true };
      return fromDb(userId);
    },
    remember(userId, state) {
      cache.delete(userId);
      cache.set(userId, state);
      if (cache.size > capacity) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
    },
    forget: (userId) => void cache.delete(userId),
    has: (userId) => cache.has(userId),
    clear: () => {
      cache.clear();
      knownEpoch = -1;
    },
    size: () => cache.size,
  };
}
