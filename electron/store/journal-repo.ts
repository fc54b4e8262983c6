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

export function createJournalRepo(db: Database): JournalRepo {
  const insert = db.prepare<[string, number, string]>('INSERT INTO journal (user_id, at, entries) VALUES (?, ?, ?)');
  const forUser = db.prepare<[string, number], { at: number; entries: string }>(
    'SELECT at, entries FROM (SELECT id, at, entries FROM journal WHERE user_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id',
  );
  return {
    append: (userId, at, batch) => void insert.run(userId, at, JSON.stringify(batch)),
    forUser: (userId, limit) =>
      forUser.all(userId, limit).map((r) => ({ at: r.at, ...(JSON.parse(r.entries) as JournalBatch) })),
  };
}
