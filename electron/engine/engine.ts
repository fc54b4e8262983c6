import { applyJourneyDeleted } from '../../shared/engine/interpreter';
import type { EngineConfig, StepResult, UserEvent, UserState } from '../../shared/engine/types';
import { runUserLoop } from '../../shared/engine/user-loop';
import type { Store } from '../store';
import { claimAnonymous, keepAnonymous } from './anonymous';
import type { Clock } from './clock';
import { createDecider } from './decider';
import { createLiveJourneys, type LiveJourneys } from './live-journeys';
import { createUserStates, type UserStates } from './user-states';
import { userWrites, writeToStore } from './user-writes';

export interface EngineOptions {
  store: Store;
  clock: Clock;
  config?: Partial<EngineConfig>;
  /** Called after a commit that added outbox rows: wakes the sender. */
  onOutbox?: () => void;
  /** Called after a commit that changed runs or wake-ups: re-arms the scheduler. */
  onWakeupsChanged?: () => void;
  /** Called after each commit with whose data it changed and which journeys' runs moved (for pushes). */
  onChanged?: (changed: Touched) => void;
}

/** What one commit changed: users with new events, traits, runs or emails; journeys whose runs moved. */
export interface Touched {
  users: ReadonlySet<string>;
  journeys: ReadonlySet<string>;
}

export interface IngestOptions {
  /** Sync the commit to disk before returning: the tracking API acknowledges only durable events. */
  durable?: boolean;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
}

/**
 * The live engine: stores events and runs them, and fired wake-ups, through THE interpreter
 * from shared/. Each user's events and the effects they cause (outbox rows, run state, journal)
 * are written in one transaction, so a crash never leaves an email without its state or the reverse.
 */
export interface Engine {
  ingest(events: readonly UserEvent[]): IngestResult;
  /**
   * Ingests several requests' events in one transaction (group commit: one commit costs about as
   * much as hundreds of inserts); returns each request's own counts.
   */
  ingestMany(batches: readonly (readonly UserEvent[])[], options?: IngestOptions): IngestResult[];
  /** Fires every wake-up due at the clock's now; returns how many. */
  fireDue(limit?: number): number;
  /** The earliest pending wake-up of a running journey. */
  nextWake(): number | null;
  /**
   * Ends every active run of a journey that is being deleted (reason `journey_deleted`), so no
   * one waits in it and a journey later made with the same id never picks them up. Returns how many.
   */
  endDeletedJourney(journeyId: string): number;
  journeysChanged(): void;
  live: LiveJourneys;
  states: UserStates;
  config(): EngineConfig;
  setConfig(config: Partial<EngineConfig>): void;
  /**
   * Calls `listener` for each newly stored event, inside the transaction that stores it and before
   * the interpreter applies it (e.g. `email_bounced` suppresses the address before any email it
   * would cause). `traits` are the user's as of that event.
   * @returns a function that removes the listener
   */
  observeStored(listener: StoredEventListener): () => void;
}

export type StoredEventListener = (event: UserEvent, traits: () => Record<string, unknown>, now: number) => void;

interface Collected {
  results: StepResult[];
}

/** What one commit touches, gathered while it runs and told to `onChanged` once it is committed. */
interface Touching {
  users: Set<string>;
  journeys: Set<string>;
}
const touching = (): Touching => ({ users: new Set(), journeys: new Set() });

export function createEngine(options: EngineOptions): Engine {
  const { store, clock } = options;
  const live = createLiveJourneys(store);
  const states = createUserStates(store);
  const decider = createDecider(live, options.config);
  const storedListeners = new Set<StoredEventListener>();
  const tell = (event: UserEvent, traits: () => Record<string, unknown>, now: number) => {
    for (const listener of storedListeners) listener(event, traits, now);
  };
  // A journey published or paused by another process on this data folder (the desktop app next
  // to `dripagent serve`) takes effect at this process's next write, not at its next restart.
  const followOtherProcesses = () => {
    if (live.reloadIfChanged()) decider.refresh();
  };

  /** Writes what the interpreter changed for one user; returns how many outbox rows it added. */
  const persist = (
    userId: string,
    before: UserState,
    after: UserState,
    hasProfile: boolean,
    collected: Collected,
    now: number,
    touched: Touching,
  ) => {
    const writes = userWrites(decider.writes, before, after, hasProfile, collected.results);
    touched.users.add(userId);
    for (const journeyId of writes.journeys) touched.journeys.add(journeyId);
    return writeToStore(store, writes, now);
  };

  const ingestMany = (batches: readonly (readonly UserEvent[])[], how: IngestOptions = {}): IngestResult[] => {
    followOtherProcesses();
    const now = clock.now();
    const byUser = new Map<string, UserEvent[]>();
    const results = batches.map(() => ({ accepted: 0, duplicates: 0 }));
    // Which request an event came from, to count per request; not needed for a single one.
    const batchOf = batches.length > 1 ? new Map<UserEvent, number>() : undefined;
    const anonymous: UserEvent[] = [];
    batches.forEach((events, index) => {
      for (const event of events) {
        batchOf?.set(event, index);
        if (event.userId === '') {
          anonymous.push(event);
          continue;
        }
        const list = byUser.get(event.userId);
        if (list) list.push(event);
        else byUser.set(event.userId, [event]);
      }
    });
    const touched = touching();
    const storeEvent = (e: UserEvent) => {
      const stored = store.events.insert(e, now);
      const result = results[batchOf?.get(e) ?? 0] as IngestResult;
      if (stored) {
        result.accepted++;
        touched.users.add(e.userId);
      } else result.duplicates++;
      return stored;
    };
    let outbox = 0;
    const remembered: [string, UserState][] = [];
    // One options object for the call (not closures per user): this loop is ingestion's hot path.
    let collected: Collected = { results: [] };
    const loop = {
      now,
      onStep: (r: StepResult) => void collected.results.push(r),
      beforeEvent: (event: UserEvent, current: UserState) => tell(event, () => current.traits, now),
    };
    store.writeTransaction(() => {
      states.beginWrite();
      const context = decider.context();
      for (const event of anonymous) {
        const result = results[batchOf?.get(event) ?? 0] as IngestResult;
        if (keepAnonymous(store, event, now)) result.accepted++;
        else result.duplicates++;
      }
      for (const [userId, given] of byUser) {
        const list = claimAnonymous(store, states, userId, given, now);
        // An identify that claimed anonymous traits is a new object: it still counts for its request.
        if (batchOf && list !== given) {
          list.forEach((e, i) => {
            if (e !== given[i]) batchOf.set(e, batchOf.get(given[i] as UserEvent) ?? 0);
          });
        }
        list.sort((a, b) => a.timestamp - b.timestamp);
        if (!states.has(userId) && !list.some((e) => e.type === 'identify' || live.reactsTo(e.event))) {
          // No journey reacts to these and the user is not in memory: they only matter as history,
          // which is read from SQLite when the user is next loaded.
          const traits = () => store.profiles.get(userId)?.traits ?? {};
          for (const e of list) if (storeEvent(e)) tell(e, traits, now);
          continue;
        }
        // Read the state before storing the new events, so the interpreter sees them arrive.
        const { state: before, hasProfile } = states.load(userId);
        const fresh = list.filter(storeEvent);
        if (fresh.length === 0) continue;
        collected = { results: [] };
        const state = runUserLoop(context, before, fresh, loop);
        outbox += persist(userId, before, state, hasProfile, collected, now, touched);
        remembered.push([userId, state]);
      }
      states.endWrite();
    }, how);
    for (const [userId, state] of remembered) states.remember(userId, state);
    if (outbox > 0) options.onOutbox?.();
    if (remembered.length > 0) options.onWakeupsChanged?.();
    if (touched.users.size > 0) options.onChanged?.(touched);
    return results;
  };
  const ingest = (events: readonly UserEvent[]): IngestResult => ingestMany([events])[0] as IngestResult;

  const fireDue = (limit = 500): number => {
    followOtherProcesses();
    const now = clock.now();
    let outbox = 0;
    const remembered: [string, UserState][] = [];
    const touched = touching();
    // One batch of wake-ups is claimed and fired in one write transaction: another process on the
    // same data folder waits for the lock, then finds these runs moved on (their wake-ups no longer due).
    const fired = store.writeTransaction(() => {
      const due = store.runs.due(now, limit);
      if (due.length === 0) return 0;
      const users = new Set<string>();
      for (const d of due) users.add(d.userId);
      states.beginWrite();
      // One options object for the batch (not a closure per user): this loop is the scheduler's hot path.
      let collected: Collected = { results: [] };
      const loop = { now, through: now, onStep: (r: StepResult) => void collected.results.push(r) };
      const context = decider.context();
      for (const userId of users) {
        const { state: before, hasProfile } = states.load(userId);
        collected = { results: [] };
        const state = runUserLoop(context, before, [], loop);
        outbox += persist(userId, before, state, hasProfile, collected, now, touched);
        remembered.push([userId, state]);
      }
      states.endWrite();
      return due.length;
    });
    for (const [userId, state] of remembered) states.remember(userId, state);
    if (outbox > 0) options.onOutbox?.();
    if (touched.users.size > 0) options.onChanged?.(touched);
    return fired;
  };

  /** Users per transaction: ending a journey of 100,000 people never holds the write lock for long. */
  const END_BATCH = 500;
  const endDeletedJourney = (journeyId: string): number => {
    followOtherProcesses();
    let ended = 0;
    for (;;) {
      const userIds = store.runs.someActiveUsers(journeyId, END_BATCH);
      if (userIds.length === 0) break;
      const now = clock.now();
      const remembered: [string, UserState][] = [];
      const touched = touching();
      let endedNow = 0;
      store.writeTransaction(() => {
        states.beginWrite();
        for (const userId of userIds) {
          const { state: before, hasProfile } = states.load(userId);
          const result = applyJourneyDeleted(decider.context(), before, journeyId, now);
          endedNow += result.outcomes.length;
          persist(userId, before, result.user, hasProfile, { results: [result] }, now, touched);
          remembered.push([userId, result.user]);
        }
        states.endWrite();
      });
      for (const [userId, state] of remembered) states.remember(userId, state);
      options.onWakeupsChanged?.();
      options.onChanged?.(touched);
      ended += endedNow;
      // Rows the interpreter found nothing to end in (written by another process meanwhile) would come back forever.
      if (endedNow === 0) break;
    }
    // Its rows, now all ended, go under a retired id: a journey made later with this id starts afresh.
    store.writeTransaction(() => store.retireJourney(journeyId, clock.now()));
    states.clear();
    options.onWakeupsChanged?.();
    return ended;
  };

  return {
    ingest,
    ingestMany,
    fireDue,
    endDeletedJourney,
    nextWake: () => store.runs.nextWake(),
    journeysChanged: () => {
      live.reload();
      decider.refresh();
    },
    live,
    states,
    config: decider.config,
    setConfig: decider.setConfig,
    observeStored(listener) {
      storedListeners.add(listener);
      return () => storedListeners.delete(listener);
    },
  };
}
