import type { Database } from 'better-sqlite3';
import type { Outcome } from '../../shared/engine/types';

/**
 * Emails and webhooks a run did not send, and why (holdout, unsubscribed, frequency_cap, stale…),
 * for a journey's results. Written by the engine in the transaction of the step that skipped.
 */
export interface SkipsRepo {
  add(skip: Outcome): void;
}

export function createSkipsRepo(db: Database): SkipsRepo {
  const insert = db.prepare<[string, string, string, string, number]>(
    'INSERT INTO journey_skips (journey_id, node_id, user_id, reason, at) VALUES (?, ?, ?, ?, ?)',
  );
  return {
    add: (skip) => void insert.run(skip.journeyId, skip.nodeId, skip.userId, skip.reason ?? 'unknown', skip.at),
  };
}
