import { userStateOf } from '../engine/user-states';
import { cursorRows, type Queryable } from '../store/pg/cursor';
import { createPgHistorySource } from '../store/pg/history-rows';
import { loadUsers, type Sql } from '../store/pg/user-rows';
import type { ForecastSource } from './forecast';

/** Users in flight read together: one statement per table for this many. */
const BATCH = 500;

/**
 * What a forecast reads on PostgreSQL, in one snapshot (`client` is in inSnapshot's transaction):
 * the live journeys (read just before), the history through a cursor, and the users in
 * flight a batch at a time, read as the engines read them (the same loader and state).
 */
export function pgForecastSource(client: Queryable, journeys: ForecastSource['journeys']): ForecastSource {
  // The loader is written against a pool client; the snapshot's queue answers the same calls.
  const sql = client as unknown as Sql;
  const states = async (userIds: string[]) => {
    const stored = await loadUsers(sql, userIds);
    return userIds.map((userId) => {
      const user = stored.get(userId);
      return userStateOf(userId, user?.traits, user?.events ?? [], user?.runs ?? [], user?.sends ?? []).state;
    });
  };
  return {
    journeys,
    history: createPgHistorySource(client),
    async *inFlight(journeyIds) {
      const users = cursorRows<[string]>(
        client,
        "SELECT DISTINCT user_id FROM runs WHERE status = 'active' AND journey_id = ANY($1::text[]) ORDER BY user_id",
        [journeyIds],
      );
      let batch: string[] = [];
      for await (const [userId] of users) {
        batch.push(userId);
        if (batch.length < BATCH) continue;
        yield* await states(batch);
        batch = [];
      }
      if (batch.length > 0) yield* await states(batch);
    },
  };
}
