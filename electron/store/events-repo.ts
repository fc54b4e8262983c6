import type { Database } from 'better-sqlite3';
import type { TrackEvent, UserEvent } from '../../shared/engine/types';
import { START_EVENT } from '../../shared/metrics/funnel-types';
import { createEventStats, type EventStats } from './event-stats';

/**
 * Stored product events. `message_id` is unique: the same event posted twice is stored once. Each
 * insert also keeps, in the same transaction, the user's first integration_started (the funnel's
 * cohort) and the per-day counts of the Events view.
 */
export interface EventsRepo {
  /** Stores an event; false when its messageId was already stored. */
  insert(event: UserEvent, receivedAt: number): boolean;
  /** Counts kept per event name and day; the store flushes them at the end of each transaction. */
  stats: EventStats;
  /** A user's track events in event-time order (ties in arrival order). */
  historyOf(userId: string): TrackEvent[];
  /** Every event of a user (track and identify), newest first, for the timeline view. */
  timelineOf(userId: string, limit: number): UserEvent[];
  /** A user's newest track event of one name (read from the (user, name, time) index). */
  lastOf(userId: string, name: string): TrackEvent | undefined;
  count(): number;
}

/** An events row as selected by the repos that read events. */
export interface EventRow {
  message_id: string;
  user_id: string;
  type: 'track' | 'identify';
  name: string;
  ts: number;
  body: string;
}

export function createEventsRepo(db: Database): EventsRepo {
  const insert = db.prepare<[string, string, string, string, number, number, string]>(
    `INSERT INTO events (message_id, user_id, type, name, ts, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (message_id) DO NOTHING`,
  );
  const history = db.prepare<[string], EventRow>(
    `SELECT message_id, user_id, type, name, ts, body FROM events WHERE user_id = ? AND type = 'track' ORDER BY ts, seq`,
  );
  const timeline = db.prepare<[string, number], EventRow>(
    'SELECT message_id, user_id, type, name, ts, body FROM events WHERE user_id = ? ORDER BY ts DESC, seq DESC LIMIT ?',
  );
  const countStatement = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events');
  const last = db.prepare<[string, string], EventRow>(
    `SELECT message_id, user_id, type, name, ts, body FROM events WHERE user_id = ? AND name = ? AND type = 'track'
     ORDER BY ts DESC, seq DESC LIMIT 1`,
  );
  // A late event earlier than the stored first start becomes the first; an equal time keeps the
  // one that arrived first, as "by event time, then arrival" reads.
  const firstStart = db.prepare<[string, number, number | bigint]>(
    `INSERT INTO funnel_starts (user_id, first_ts, start_seq) VALUES (?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET first_ts = excluded.first_ts, start_seq = excluded.start_seq
     WHERE excluded.first_ts < funnel_starts.first_ts`,
  );
  const stats = createEventStats(db);
  return {
    insert: (event, receivedAt) => {
      const name = event.type === 'track' ? event.event : '';
      const result = insert.run(
        event.messageId,
        event.userId,
        event.type,
        name,
        event.timestamp,
        receivedAt,
        JSON.stringify(event.type === 'track' ? event.properties : event.traits),
      );
      if (event.type !== 'track') return result.changes === 1;
      if (result.changes !== 1) {
        stats.duplicate(name, event.timestamp);
        return false;
      }
      stats.stored(name, event.timestamp, receivedAt, event.properties);
      if (name === START_EVENT) firstStart.run(event.userId, event.timestamp, result.lastInsertRowid);
      return true;
    },
    stats,
    historyOf: (userId) => history.all(userId).map(rowToEvent) as TrackEvent[],
    timelineOf: (userId, limit) => timeline.all(userId, limit).map(rowToEvent),
    lastOf: (userId, name) => {
      const row = last.get(userId, name);
      return row ? (rowToEvent(row) as TrackEvent) : undefined;
    },
    count: () => countStatement.get()?.n ?? 0,
  };
}

/** A stored row as the interpreter's event (the body is the properties or the traits). */
export function rowToEvent(r: EventRow): UserEvent {
  return r.type === 'track'
    ? {
        type: 'track',
        event: r.name,
        userId: r.user_id,
        timestamp: r.ts,
        properties: JSON.parse(r.body),
        messageId: r.message_id,
      }
    : { type: 'identify', userId: r.user_id, timestamp: r.ts, traits: JSON.parse(r.body), messageId: r.message_id };
}
