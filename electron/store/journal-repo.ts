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
 * row's, and decisions are tuples. Rows written before this format ({outcomes, decisions}) still read.
 */
type DecisionTuple = [at: number, journeyId: string, runId: string | null, nodeId: string | null, message: string];
interface StoredBatch {
  o: Omit<Outcome, 'userId'>[];
  d: DecisionTuple[];
}

function encode(batch: JournalBatch): string {
  const o: Omit<Outcome, 'userId'>[] = [];
  for (const { userId: _, ...rest } of batch.outcomes) o.push(rest);
  const d: DecisionTuple[] = [];
  for (const x of batch.decisions) d.push([x.at, x.journeyId, x.runId, x.nodeId, x.message]);
  return JSON.stringify({ o, d } satisfies StoredBatch);
}

function decode(userId: string, text: string): JournalBatch {
  const stored = JSON.parse(text) as StoredBatch | JournalBatch;
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

export function createJournalRepo(db: Database): JournalRepo {
  const insert = db.prepare<[string, number, string]>('INSERT INTO journal (user_id, at, entries) VALUES (?, ?, ?)');
  const forUser = db.prepare<[string, number], { at: number; entries: string }>(
    'SELECT at, entries FROM (SELECT id, at, entries FROM journal WHERE user_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id',
  );
  return {
    append: (userId, at, batch) => void insert.run(userId, at, encode(batch)),
    forUser: (userId, limit) => forUser.all(userId, limit).map((r) => ({ at: r.at, ...decode(userId, r.entries) })),
  };
}
