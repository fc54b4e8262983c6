import type pg from 'pg';
import { applyJourneyDeleted } from '../../shared/engine/interpreter';
import type { EngineConfig, StepResult, TrackEvent, UserEvent, UserState } from '../../shared/engine/types';
import { runUserLoop } from '../../shared/engine/user-loop';
import { createDayCounter } from '../store/event-stats';
import type { JournalBatch } from '../store/journal-repo';
import { advanceHeads, claimDueHeads, createHeads, lockHeads, nextWake } from '../store/pg/heads';
import { journeysSnapshot, liveSignature, retireAndDelete } from '../store/pg/journey-rows';
import { inTransaction } from '../store/pg/transaction';
import { insertEvents, loadUsers, type RowsToWrite, type Sql, writeDayCounts, writeRows } from '../store/pg/user-rows';
import { foldAnonymous } from './anonymous';
import type { Clock } from './clock';
import { createDecider } from './decider';
import type { IngestResult } from './engine';
import { createLiveJourneys } from './live-journeys';
import { userStateOf } from './user-states';
import { userWrites } from './user-writes';

export interface PgEngineOptions {
  pool: pg.Pool;
  clock: Clock;
  config?: Partial<EngineConfig>;
  /** Called after a commit that added outbox rows: wakes the sender. */
  onOutbox?: () => void;
  /** Called after a commit that changed runs or wake-ups: re-arms the scheduler. */
  onWakeupsChanged?: () => void;
  /** Users' states kept in memory (each checked against its head's version before use). */
  cacheSize?: number;
  /** What each transaction also decides with beyond the interpreter's rows (the app wires suppressions here). */
  batchHooks?: BatchHooks;
}

/**
 * Prepared once per transaction, after its users are locked and loaded and before they are
 * decided: what else the interpreter may ask about them, synchronously.
 */
export type BatchHooks = (sql: Sql, users: readonly UserState[], events: readonly UserEvent[]) => Promise<BatchHook>;

export interface BatchHook {
  /** The interpreter's lookup of suppressed addresses during this transaction. */
  suppressed?: EngineConfig['suppressed'];
  /** Called before each stored event is applied (a bounce suppresses the address before any email). */
  beforeEvent?: (event: UserEvent, state: UserState) => void;
  /** Journal rows the hook adds, written before the decisions' (a person's "Stopped mailing…"). */
  journal: { userId: string; batch: JournalBatch }[];
  /** Writes what the hook added, in the transaction. */
  write(sql: Sql): Promise<void>;
}

/**
 * The live engine on PostgreSQL, for several engines on one database: the same interpreter, user
 * loop and rows as the SQLite engine (decider.ts, user-writes.ts), through a batch-level store.
 * Each call is one transaction that locks the users concerned (their head rows, in user order),
 * loads what is not cached at the head's version, decides, writes the rows in one statement per
 * table and moves the heads on. A deadlock or lock timeout rolls back and the call is retried.
 */
export interface PgEngine {
  ingest(events: readonly UserEvent[]): Promise<IngestResult>;
  /** Several requests' events in one transaction; returns each request's own counts. */
  ingestMany(batches: readonly (readonly UserEvent[])[]): Promise<IngestResult[]>;
  /** Fires up to `limit` users' due wake-ups that no other engine holds; returns how many users. */
  fireDue(limit?: number): Promise<number>;
  /** The earliest pending wake-up of a journey that is not paused. */
  nextWake(): Promise<number | null>;
  /** Reads the journeys again when another engine published, paused or resumed one. */
  followJourneys(): Promise<void>;
  /**
   * Deletes a journey: its people leave it first (reason `journey_deleted`, in batches), then its
   * rows are filed under a retired id, what it had queued is cancelled and the journey is gone, so
   * one made later with the same id starts afresh. Returns how many runs ended.
   */
  deleteJourney(journeyId: string): Promise<number>;
  /** The first half of deleteJourney: its people leave it; returns how many runs ended. */
  endJourneyRuns(journeyId: string): Promise<number>;
  /** The second half: files its rows under a retired id and deletes it; false when there was none. */
  retireJourney(journeyId: string): Promise<boolean>;
  config(): EngineConfig;
  setConfig(config: Partial<EngineConfig>): void;
}

interface Cached {
  version: number;
  state: UserState;
  /** The newest stored track event in `state` (its `seq`): what another engine stored later is newer. */
  eventSeq: number;
}

/** One user decided in a transaction, and the newest stored track event their state holds. */
interface Decision {
  userId: string;
  before: UserState;
  hasProfile: boolean;
  after: UserState;
  results: StepResult[];
  eventSeq: number;
}

export async function createPgEngine(options: PgEngineOptions): Promise<PgEngine> {
  const { pool, clock } = options;
  const holder = { journeys: await journeysSnapshot(pool) };
  const live = createLiveJourneys(holder);
  const decider = createDecider(live, options.config);
  // The interpreter asks synchronously; each transaction sets its hook just before deciding.
  let hook: BatchHook | undefined;
  if (options.batchHooks) decider.setConfig({ suppressed: (address) => hook?.suppressed?.(address) });
  const prepare = async (sql: Sql, states: Iterable<{ state: UserState }>, events: readonly UserEvent[]) =>
    options.batchHooks
      ? options.batchHooks(
          sql,
          [...states].map((s) => s.state),
          events,
        )
      : undefined;
  const cache = new Map<string, Cached>();
  const capacity = options.cacheSize ?? 100_000;
  const remember = (userId: string, version: number, state: UserState, eventSeq: number) => {
    cache.delete(userId);
    cache.set(userId, { version, state, eventSeq });
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
  };
  /** Once a transaction committed: each user it decided for, at their head's new version. */
  const rememberDecided = (outcome: {
    decided: Decision[];
    versions: Map<string, number>;
    seqs: Map<string, number>;
  }) => {
    for (const d of outcome.decided) {
      remember(d.userId, outcome.versions.get(d.userId) as number, d.after, outcome.seqs.get(d.userId) ?? d.eventSeq);
    }
  };

  const followJourneys = async () => {
    if ((await liveSignature(pool)) === holder.journeys.liveSignature()) return;
    holder.journeys = await journeysSnapshot(pool);
    live.reload();
    decider.refresh();
  };

  /**
   * The users' states at their heads' versions: from memory when current, else from the rows. A
   * user another engine decided for since this one cached them has their runs, sends and traits
   * read again, but of their events only those stored since (a user's events are stored only under
   * their head's lock, so a later one always has a higher `seq`).
   */
  const statesOf = async (sql: Sql, heads: Map<string, number>, reload: ReadonlySet<string>) => {
    const states = new Map<string, { state: UserState; hasProfile: boolean; eventSeq: number }>();
    const stale: string[] = [];
    const since = new Map<string, number>();
    for (const [userId, version] of heads) {
      const hit = cache.get(userId);
      if (hit && !reload.has(userId) && hit.version === version) {
        states.set(userId, { state: hit.state, hasProfile: true, eventSeq: hit.eventSeq });
        continue;
      }
      stale.push(userId);
      if (hit && !reload.has(userId)) since.set(userId, hit.eventSeq);
    }
    for (const [userId, stored] of await loadUsers(sql, stale, since)) {
      const held = since.has(userId) ? cache.get(userId)?.state.events : undefined;
      const events = held ? mergeByTime(held, stored.events) : stored.events;
      const loaded = userStateOf(userId, stored.traits, events, stored.runs, stored.sends);
      states.set(userId, { ...loaded, eventSeq: stored.eventSeq });
    }
    return states;
  };

  /** The interpreter's decisions for users, their rows written and their heads moved on. */
  const decideAndWrite = async (
    sql: Sql,
    decisions: Decision[],
    now: number,
    counter: ReturnType<typeof createDayCounter>,
    batchHook: BatchHook | undefined,
  ) => {
    const emitted: UserEvent[] = [];
    const rows: RowsToWrite = {
      runs: [],
      outbox: [],
      skips: [],
      journal: [...(batchHook?.journal ?? [])],
      profiles: [],
    };
    for (const d of decisions) {
      const writes = userWrites(decider.writes, d.before, d.after, d.hasProfile, d.results);
      rows.runs.push(...writes.runs);
      rows.outbox.push(...writes.outbox);
      rows.skips.push(...writes.skips);
      emitted.push(...writes.emitted);
      if (writes.journal) rows.journal.push({ userId: d.userId, batch: writes.journal });
      if (writes.traits) rows.profiles.push({ userId: d.userId, traits: writes.traits });
    }
    const seqs = new Map(decisions.map((d) => [d.userId, d.eventSeq]));
    if (emitted.length > 0) {
      const stored = await insertEvents(sql, emitted, now, counter);
      for (const event of emitted) {
        const seq = stored.get(event.messageId);
        if (seq !== undefined && event.type === 'track' && seq > (seqs.get(event.userId) ?? 0))
          seqs.set(event.userId, seq);
      }
    }
    await batchHook?.write(sql);
    const added = await writeRows(sql, rows, now);
    await writeDayCounts(sql, counter.drain());
    const versions = await advanceHeads(
      sql,
      decisions.map((d) => ({ userId: d.userId, wakeAt: earliestWake(d.after) })),
    );
    return { added, versions, seqs };
  };

  const ingestMany = async (batches: readonly (readonly UserEvent[])[]): Promise<IngestResult[]> => {
    await followJourneys();
    const byUser = new Map<string, UserEvent[]>();
    const anonymous: { event: UserEvent; batch: number }[] = [];
    const batchOf = new Map<UserEvent, number>();
    batches.forEach((events, index) => {
      for (const event of events) {
        batchOf.set(event, index);
        if (event.userId === '') {
          anonymous.push({ event, batch: index });
          continue;
        }
        const list = byUser.get(event.userId);
        if (list) list.push(event);
        else byUser.set(event.userId, [event]);
      }
    });
    const results: IngestResult[] = batches.map(() => ({ accepted: 0, duplicates: 0 }));
    if (byUser.size > 0) await createHeads(pool, [...byUser.keys()]);
    // First the users no other engine holds, without waiting; then, waiting, the ones it held.
    // Two engines given the same people then work side by side instead of queueing on each other.
    for (let pass = 0; pass === 0 || byUser.size > 0; pass++) {
      await ingestPass(pass, byUser, pass === 0 ? anonymous : [], batchOf, results);
    }
    return results;
  };

  /**
   * One transaction of ingestMany: the anonymous calls (first pass only), then the users whose heads
   * it locks (only those nobody holds, on the first pass), who are taken out of `byUser`.
   */
  const ingestPass = async (
    pass: number,
    byUser: Map<string, UserEvent[]>,
    anonymous: { event: UserEvent; batch: number }[],
    batchOf: Map<UserEvent, number>,
    results: IngestResult[],
  ) => {
    const now = clock.now();
    const outcome = await inTransaction(pool, async (sql) => {
      const counts = results.map(() => ({ accepted: 0, duplicates: 0 }));
      if (anonymous.length > 0) {
        // One statement for the batch's anonymous calls; the first of the same message id is kept.
        const { rows } = await sql.query<{ message_id: string }>(
          `INSERT INTO anonymous_events (anonymous_id, message_id, received_at, event)
           SELECT a, m, $3, e FROM unnest($1::text[], $2::text[], $4::text[]) WITH ORDINALITY AS x(a, m, e, i) ORDER BY i
           ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
          [
            anonymous.map(({ event }) => event.anonymousId ?? ''),
            anonymous.map(({ event }) => event.messageId),
            now,
            anonymous.map(({ event }) => JSON.stringify(event)),
          ],
        );
        const kept = new Set(rows.map((r) => r.message_id));
        for (const { event, batch } of anonymous) {
          const result = counts[batch] as IngestResult;
          if (kept.delete(event.messageId)) result.accepted++;
          else result.duplicates++;
        }
      }
      const none = {
        counts,
        versions: new Map<string, number>(),
        seqs: new Map<string, number>(),
        decided: [] as Decision[],
        added: 0,
        users: [] as string[],
      };
      if (byUser.size === 0) return none;
      const counter = createDayCounter();
      const heads = await lockHeads(sql, [...byUser.keys()], { skipLocked: pass === 0 });
      if (heads.size === 0) return none;
      const mine = new Map([...heads.keys()].map((userId) => [userId, byUser.get(userId) as UserEvent[]]));
      // Calls kept for an anonymousId become the user's history before the user is loaded.
      const reload = new Set<string>();
      for (const [userId, given] of mine) {
        if (!given.some((e) => e.type === 'identify' && e.anonymousId)) continue;
        const list: UserEvent[] = [];
        for (const event of given) {
          if (event.type !== 'identify' || !event.anonymousId) {
            list.push(event);
            continue;
          }
          const { rows } = await sql.query<{ event: string }>(
            'DELETE FROM anonymous_events WHERE anonymous_id = $1 RETURNING event',
            [event.anonymousId],
          );
          const kept = rows.map((r) => JSON.parse(r.event) as UserEvent).sort((a, b) => a.timestamp - b.timestamp);
          const folded = foldAnonymous(event, kept);
          if ((await insertEvents(sql, folded.history, now, counter)).size > 0) reload.add(userId);
          batchOf.set(folded.event, batchOf.get(event) ?? 0);
          list.push(folded.event);
        }
        mine.set(userId, list);
      }
      for (const list of mine.values()) list.sort((a, b) => a.timestamp - b.timestamp);
      const states = await statesOf(sql, heads, reload);
      // Read the states before storing the new events, so the interpreter sees them arrive.
      const all = [...mine.values()].flat();
      const stored = await insertEvents(sql, all, now, counter);
      const batchHook = await prepare(sql, states.values(), all);
      const decisions: Decision[] = [];
      for (const [userId, list] of mine) {
        const fresh: UserEvent[] = [];
        const loaded = states.get(userId) as { state: UserState; hasProfile: boolean; eventSeq: number };
        let eventSeq = loaded.eventSeq;
        for (const event of list) {
          const result = counts[batchOf.get(event) ?? 0] as IngestResult;
          // The first of the same message id is the one stored; the others are duplicates.
          const seq = stored.get(event.messageId);
          if (seq !== undefined) {
            stored.delete(event.messageId);
            result.accepted++;
            fresh.push(event);
            if (event.type === 'track' && seq > eventSeq) eventSeq = seq;
          } else result.duplicates++;
        }
        if (fresh.length === 0) continue;
        const { state: before, hasProfile } = loaded;
        const collected: StepResult[] = [];
        hook = batchHook;
        try {
          const after = runUserLoop(decider.context(), before, fresh, {
            now,
            onStep: (r) => collected.push(r),
            ...(batchHook?.beforeEvent ? { beforeEvent: batchHook.beforeEvent } : {}),
          });
          decisions.push({ userId, before, hasProfile, after, results: collected, eventSeq });
        } finally {
          hook = undefined;
        }
      }
      const { added, versions, seqs } = await decideAndWrite(sql, decisions, now, counter, batchHook);
      return { counts, versions, seqs, decided: decisions, added, users: [...mine.keys()] };
    });
    // Counted and taken out only once committed: a rolled-back pass is retried whole.
    outcome.counts.forEach((c, i) => {
      const result = results[i] as IngestResult;
      result.accepted += c.accepted;
      result.duplicates += c.duplicates;
    });
    for (const userId of outcome.users) byUser.delete(userId);
    if (pass > 0 && outcome.users.length === 0 && byUser.size > 0) {
      throw new Error(`the heads of ${byUser.size} users could not be locked`);
    }
    rememberDecided(outcome);
    if (outcome.added > 0) options.onOutbox?.();
    if (outcome.decided.length > 0) options.onWakeupsChanged?.();
  };

  /** As the engine last read the journeys: no paused journey lets wake-ups be read from the heads alone. */
  const anyPaused = () => holder.journeys.list().some((journey) => journey.status === 'paused');

  const fireDue = async (limit = 500): Promise<number> => {
    await followJourneys();
    const now = clock.now();
    const outcome = await inTransaction(pool, async (sql) => {
      const heads = await claimDueHeads(sql, now, limit, anyPaused());
      if (heads.size === 0) {
        return { versions: new Map<string, number>(), seqs: new Map<string, number>(), decided: [], added: 0 };
      }
      const states = await statesOf(sql, heads, new Set());
      const batchHook = await prepare(sql, states.values(), []);
      const decisions: Decision[] = [];
      hook = batchHook;
      try {
        for (const [userId, { state: before, hasProfile, eventSeq }] of states) {
          const collected: StepResult[] = [];
          const after = runUserLoop(decider.context(), before, [], {
            now,
            through: now,
            onStep: (r) => collected.push(r),
          });
          decisions.push({ userId, before, hasProfile, after, results: collected, eventSeq });
        }
      } finally {
        hook = undefined;
      }
      const { added, versions, seqs } = await decideAndWrite(sql, decisions, now, createDayCounter(), batchHook);
      return { versions, seqs, decided: decisions, added };
    });
    rememberDecided(outcome);
    if (outcome.added > 0) options.onOutbox?.();
    if (outcome.decided.length > 0) options.onWakeupsChanged?.();
    return outcome.decided.length;
  };

  /** Users per transaction: ending a journey of 100,000 people never holds their locks for long. */
  const END_BATCH = 500;
  const endJourneyRuns = async (journeyId: string): Promise<number> => {
    await followJourneys();
    let ended = 0;
    for (;;) {
      const { rows } = await pool.query<{ user_id: string }>(
        `SELECT DISTINCT user_id FROM runs WHERE journey_id = $1 AND status = 'active' LIMIT $2`,
        [journeyId, END_BATCH],
      );
      if (rows.length === 0) break;
      const now = clock.now();
      const outcome = await inTransaction(pool, async (sql) => {
        const heads = await lockHeads(
          sql,
          rows.map((r) => r.user_id),
        );
        const states = await statesOf(sql, heads, new Set());
        const decisions: Decision[] = [];
        let endedNow = 0;
        for (const [userId, { state: before, hasProfile, eventSeq }] of states) {
          const result = applyJourneyDeleted(decider.context(), before, journeyId, now);
          endedNow += result.outcomes.length;
          decisions.push({ userId, before, hasProfile, after: result.user, results: [result], eventSeq });
        }
        const { versions, seqs } = await decideAndWrite(sql, decisions, now, createDayCounter(), undefined);
        return { versions, seqs, decided: decisions, endedNow };
      });
      rememberDecided(outcome);
      ended += outcome.endedNow;
      // Rows the interpreter found nothing to end in (changed by another engine meanwhile) would come back forever.
      if (outcome.endedNow === 0) break;
    }
    return ended;
  };
  const retireJourney = async (journeyId: string): Promise<boolean> => {
    const { deleted } = await inTransaction(pool, (sql) => retireAndDelete(sql, journeyId, clock.now()));
    cache.clear();
    await followJourneys();
    options.onWakeupsChanged?.();
    return deleted;
  };
  const deleteJourney = async (journeyId: string): Promise<number> => {
    const ended = await endJourneyRuns(journeyId);
    await retireJourney(journeyId);
    return ended;
  };

  return {
    deleteJourney,
    endJourneyRuns,
    retireJourney,
    ingest: async (events) => (await ingestMany([events]))[0] as IngestResult,
    ingestMany,
    fireDue,
    nextWake: async () => {
      await followJourneys();
      return nextWake(pool, anyPaused());
    },
    followJourneys,
    config: decider.config,
    setConfig: decider.setConfig,
  };
}

/** A user's earliest pending wake-up (the head's `wake_at`). */
function earliestWake(state: UserState): number | null {
  let earliest: number | null = null;
  for (const run of state.runs) {
    if (run.status !== 'active' || run.wakeAt === null) continue;
    if (earliest === null || run.wakeAt < earliest) earliest = run.wakeAt;
  }
  return earliest;
}

/**
 * A user's events held in memory followed by those stored since, in event-time order: the later
 * ones were stored after every held one, so at the same time they come after (as `ORDER BY ts, seq`).
 */
function mergeByTime(held: readonly TrackEvent[], later: readonly TrackEvent[]): TrackEvent[] {
  if (later.length === 0) return [...held];
  const merged: TrackEvent[] = [];
  let i = 0;
  for (const event of later) {
    while (i < held.length && (held[i] as TrackEvent).timestamp <= event.timestamp)
      merged.push(held[i++] as TrackEvent);
    merged.push(event);
  }
  while (i < held.length) merged.push(held[i++] as TrackEvent);
  return merged;
}
