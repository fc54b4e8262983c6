import type { Database } from 'better-sqlite3';
import type { UserEvent } from '../../shared/engine/types';

/**
 * Calls that name no user yet, only an anonymousId (Segment's visitor id). They wait here until an
 * identify or alias with that anonymousId says whose they are.
 */
export interface AnonymousRepo {
  /** Keeps a call; false when its messageId was already kept. */
  insert(anonymousId: string, event: UserEvent, receivedAt: number): boolean;
  /** Removes and returns the calls kept for an anonymousId, oldest first. */
  take(anonymousId: string): UserEvent[];
  count(): number;
}

export function createAnonymousRepo(db: Database): AnonymousRepo {
  const insert = db.prepare<[string, string, number, string]>(
    `INSERT INTO anonymous_events (anonymous_id, message_id, received_at, event) VALUES (?, ?, ?, ?)
     ON CONFLICT (message_id) DO NOTHING`,
  );
  const take = db
    .prepare<[string], string>('DELETE FROM anonymous_events WHERE anonymous_id = ? RETURNING event')
    .pluck();
  const count = db.prepare<[], number>('SELECT COUNT(*) FROM anonymous_events').pluck();
  return {
    insert: (anonymousId, event, receivedAt) =>
      insert.run(anonymousId, event.messageId, receivedAt, JSON.stringify(event)).changes === 1,
    take: (anonymousId) =>
      take
        .all(anonymousId)
        .map((text) => JSON.parse(text) as UserEvent)
        .sort((a, b) => a.timestamp - b.timestamp),
    count: () => count.get() ?? 0,
  };
}
