import type { Database } from 'better-sqlite3';
import type { RunState } from '../../shared/engine/types';

export interface DueRun {
  runId: string;
  userId: string;
  wakeAt: number;
}

/**
 * Journey runs: the interpreter's RunState, kept as the columns the scheduler and views query, what
 * the run keeps from its entry (`entry`, written once) and what moves at each step (`state`).
 */
export interface RunsRepo {
  forUser(userId: string): RunState[];
  /** Stores a run. `isNew` says it was just created: an existing run is a cheaper plain UPDATE. */
  save(run: RunState, isNew?: boolean): void;
  /** Active runs whose wake-up is due, skipping journeys that are paused. */
  due(now: number, limit: number): DueRun[];
  nextWake(): number | null;
  /** Users per node of a journey (active runs), for the live view. */
  countsByNode(journeyId: string): { nodeId: string; active: number }[];
  countsByJourney(): { journeyId: string; active: number; done: number }[];
  usersAt(journeyId: string, nodeId: string, limit: number): { userId: string; since: number; wakeAt: number | null }[];
  /** Some users with an active run in a journey (at most `limit`), e.g. to end the runs of a deleted one. */
  someActiveUsers(journeyId: string, limit: number): string[];
  /** The users with a run in flight in a journey, one at a time (the forecast runs them forward). */
  activeUsers(journeyId: string): IterableIterator<string>;
}

type RunColumns = [
  runId: string,
  userId: string,
  journeyId: string,
  version: number,
  status: string,
  nodeId: string,
  wakeAt: number | null,
  enteredAt: number,
  endedAt: number | null,
  endReason: string | null,
  entry: string,
  state: string,
];

/** A runs row as stored (SQLite and PostgreSQL alike). */
export interface RunRow {
  run_id: string;
  user_id: string;
  journey_id: string;
  version: number;
  status: RunState['status'];
  node_id: string;
  wake_at: number | null;
  entered_at: number;
  ended_at: number | null;
  end_reason: string | null;
  entry: string;
  state: string;
}

/** What a run keeps from its entry, written once (`runs.entry`). */
interface StoredEntry {
  trigger: RunState['trigger'];
  vars: RunState['vars'];
}

/** What moves at each step (`runs.state`): `l` is absent while the last event is the trigger. */
interface StoredStep {
  n: number;
  l?: RunState['lastEvent'];
  visits: RunState['visits'];
}

/**
 * The step part of a run, small because it is written at every step. The last event is left out
 * while it is still the trigger (the interpreter shares the trigger's properties until a wait
 * takes a later event), and the fields kept in columns are not repeated.
 */
export function encodeRunStep(run: RunState): string {
  const last = run.lastEvent;
  const trigger = run.trigger;
  const sameAsTrigger =
    last.properties === trigger.properties && last.event === trigger.event && last.timestamp === trigger.timestamp;
  const step: StoredStep = sameAsTrigger
    ? { n: run.nodeSince, visits: run.visits }
    : { n: run.nodeSince, l: last, visits: run.visits };
  return JSON.stringify(step);
}

/** What a run keeps from its entry, as `runs.entry`. */
export function encodeRunEntry(run: RunState): string {
  return JSON.stringify({ trigger: run.trigger, vars: run.vars } satisfies StoredEntry);
}

export function decodeRun(row: RunRow): RunState {
  const entry = JSON.parse(row.entry) as StoredEntry;
  const step = JSON.parse(row.state) as StoredStep;
  const trigger = entry.trigger;
  return {
    runId: row.run_id,
    journeyId: row.journey_id,
    version: row.version,
    userId: row.user_id,
    status: row.status,
    nodeId: row.node_id,
    enteredAt: row.entered_at,
    nodeSince: step.n,
    wakeAt: row.wake_at,
    trigger,
    lastEvent: step.l ?? { event: trigger.event, timestamp: trigger.timestamp, properties: trigger.properties },
    vars: entry.vars,
    visits: step.visits,
    endedAt: row.ended_at,
    endReason: row.end_reason,
  };
}

export function createRunsRepo(db: Database): RunsRepo {
  const forUser = db.prepare<[string], RunRow>('SELECT * FROM runs WHERE user_id = ? ORDER BY entered_at, run_id');
  // Positional parameters: binding an object by name costs more, and these run at every step of
  // every user. An existing run's entry never changes, so an update leaves it alone.
  const save = db.prepare<RunColumns>(
    `INSERT INTO runs (run_id, user_id, journey_id, version, status, node_id, wake_at, entered_at, ended_at, end_reason, entry, state)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (run_id) DO UPDATE SET status = excluded.status, node_id = excluded.node_id, wake_at = excluded.wake_at,
       ended_at = excluded.ended_at, end_reason = excluded.end_reason, state = excluded.state`,
  );
  const update = db.prepare<[string, string, number | null, number | null, string | null, string, string]>(
    'UPDATE runs SET status = ?, node_id = ?, wake_at = ?, ended_at = ?, end_reason = ?, state = ? WHERE run_id = ?',
  );
  const due = db.prepare<[number, number], { run_id: string; user_id: string; wake_at: number }>(
    `SELECT r.run_id, r.user_id, r.wake_at FROM runs r
     WHERE r.wake_at IS NOT NULL AND r.wake_at <= ?
       AND NOT EXISTS (SELECT 1 FROM journeys j WHERE j.id = r.journey_id AND j.status = 'paused')
     ORDER BY r.wake_at LIMIT ?`,
  );
  const nextWake = db.prepare<[], { t: number | null }>(
    `SELECT MIN(r.wake_at) AS t FROM runs r WHERE r.wake_at IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM journeys j WHERE j.id = r.journey_id AND j.status = 'paused')`,
  );
  const byNode = db.prepare<[string], { node_id: string; n: number }>(
    `SELECT node_id, COUNT(*) AS n FROM runs WHERE journey_id = ? AND status = 'active' GROUP BY node_id`,
  );
  const byJourney = db.prepare<[], { journey_id: string; active: number; done: number }>(
    `SELECT journey_id, SUM(status = 'active') AS active, SUM(status = 'done') AS done FROM runs GROUP BY journey_id`,
  );
  const usersAt = db.prepare<[string, string, number], { user_id: string; since: number; wake_at: number | null }>(
    `SELECT user_id, state ->> '$.n' AS since, wake_at FROM runs WHERE journey_id = ? AND node_id = ? AND status = 'active'
     ORDER BY entered_at DESC LIMIT ?`,
  );
  const someActiveUsers = db
    .prepare<[string, number], string>(
      `SELECT DISTINCT user_id FROM runs WHERE journey_id = ? AND status = 'active' LIMIT ?`,
    )
    .pluck();
  const active = db
    .prepare<[string], string>(`SELECT DISTINCT user_id FROM runs WHERE journey_id = ? AND status = 'active'`)
    .pluck();
  return {
    activeUsers: (journeyId) => active.iterate(journeyId),
    someActiveUsers: (journeyId, limit) => someActiveUsers.all(journeyId, limit),
    forUser: (userId) => forUser.all(userId).map(decodeRun),
    save: (run, isNew = true) => {
      const wakeAt = run.status === 'active' ? run.wakeAt : null;
      const state = encodeRunStep(run);
      // A run the caller believed stored but is missing (another process removed it) is inserted.
      if (
        !isNew &&
        update.run(run.status, run.nodeId, wakeAt, run.endedAt, run.endReason, state, run.runId).changes > 0
      ) {
        return;
      }
      save.run(
        run.runId,
        run.userId,
        run.journeyId,
        run.version,
        run.status,
        run.nodeId,
        wakeAt,
        run.enteredAt,
        run.endedAt,
        run.endReason,
        encodeRunEntry(run),
        state,
      );
    },
    due: (now, limit) => due.all(now, limit).map((r) => ({ runId: r.run_id, userId: r.user_id, wakeAt: r.wake_at })),
    nextWake: () => nextWake.get()?.t ?? null,
    countsByNode: (journeyId) => byNode.all(journeyId).map((r) => ({ nodeId: r.node_id, active: r.n })),
    countsByJourney: () => byJourney.all().map((r) => ({ journeyId: r.journey_id, active: r.active, done: r.done })),
    usersAt: (journeyId, nodeId, limit) =>
      usersAt.all(journeyId, nodeId, limit).map((r) => ({ userId: r.user_id, since: r.since, wakeAt: r.wake_at })),
  };
}
