import type { Database } from 'better-sqlite3';
import type { Decision, Outcome } from '../../shared/engine/types';

/** What one interpreter call decided for a user, stored as one row so the hot path writes once. */
export interface JournalBatch {
  outcomes: Outcome[];
  decisions: Decision[];
}

export interface JournalRepo {
  append(userId: string, at: number, batch: JournalBatch): void;
  /** A user's journal, oldest first. */
  forUser(userId: string, limit: number): (JournalBatch & { at: number })[];
}

/**
 * A row's entries, written compactly because the journal is on every hot path: the user is the
 * row's, entries are tuples, and a journey or run the same as the entry before is written as `1`
 * (a step's entries are nearly all about one run). Rows written in the earlier formats
 * ({outcomes, decisions}, then {o, d} with outcome objects) still read.
 */
const SAME = 1;
type Same = typeof SAME;
type OutcomeTuple =
  | [at: number, journeyId: string | Same, nodeId: string, type: Outcome['type']]
  | [
      at: number,
      journeyId: string | Same,
      nodeId: string,
      type: Outcome['type'],
      subject: string | null,
      reason?: string,
    ];
type DecisionTuple = [
  at: number,
  journeyId: string | Same,
  runId: string | null | Same,
  nodeId: string | null,
  message: string,
];
type StoredBatch = [o: OutcomeTuple[], d: DecisionTuple[]];
/** The format before this one. */
interface ObjectBatch {
  o: Omit<Outcome, 'userId'>[];
  d: [at: number, journeyId: string, runId: string | null, nodeId: string | null, message: string][];
}

export function encodeJournal(batch: JournalBatch): string {
  const o: OutcomeTuple[] = [];
  let journey: string | undefined;
  for (const x of batch.outcomes) {
    const j = x.journeyId === journey ? SAME : x.journeyId;
    journey = x.journeyId;
    if (x.reason !== undefined) o.push([x.at, j, x.nodeId, x.type, x.subject ?? null, x.reason]);
    else if (x.subject !== undefined) o.push([x.at, j, x.nodeId, x.type, x.subject]);
    else o.push([x.at, j, x.nodeId, x.type]);
  }
  const d: DecisionTuple[] = [];
  journey = undefined;
  let run: string | null | undefined;
  for (const x of batch.decisions) {
    d.push([x.at, x.journeyId === journey ? SAME : x.journeyId, x.runId === run ? SAME : x.runId, x.nodeId, x.message]);
    journey = x.journeyId;
    run = x.runId;
  }
  return JSON.stringify([o, d] satisfies StoredBatch);
}

export function decodeJournal(userId: string, text: string): JournalBatch {
  const stored = JSON.parse(text) as StoredBatch | ObjectBatch | JournalBatch;
  if (!Array.isArray(stored)) {
    if (!('d' in stored)) return stored;
    return {
      outcomes: stored.o.map((o) => ({ ...o, userId })),
      decisions: stored.d.map(([at, journeyId, runId, nodeId, message]) => ({
        at,
        userId,
        journeyId,
        runId,
        nodeId,
        message,
      })),
    };
  }
  let journey = '';
  const outcomes = stored[0].map(([at, j, nodeId, type, subject, reason]): Outcome => {
    journey = j === SAME ? journey : j;
    const outcome: Outcome = { at, userId, journeyId: journey, nodeId, type };
    if (subject !== undefined && subject !== null) outcome.subject = subject;
    if (reason !== undefined) outcome.reason = reason;
    return outcome;
  });
  journey = '';
  let run: string | null = null;
  const decisions = stored[1].map(([at, j, r, nodeId, message]): Decision => {
    journey = j === SAME ? journey : j;
    run = r === SAME ? run : r;
    return { at, userId, journeyId: journey, runId: run, nodeId, message };
  });
  return { outcomes, decisions };
}

export function createJournalRepo(db: Database): JournalRepo {
  const insert = db.prepare<[string, number, string]>('INSERT INTO journal (user_id, at, entries) VALUES (?, ?, ?)');
  const forUser = db.prepare<[string, number], { at: number; entries: string }>(
    'SELECT at, entries FROM (SELECT id, at, entries FROM journal WHERE user_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id',
  );
  return {
    append: (userId, at, batch) => void insert.run(userId, at, encodeJournal(batch)),
    forUser: (userId, limit) =>
      forUser.all(userId, limit).map((r) => ({ at: r.at, ...decodeJournal(userId, r.entries) })),
  };
}
