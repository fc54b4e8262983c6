import type Database from 'better-sqlite3';
import type { EventRow } from './events-repo';

/** One stored event, as read for a replay: the body is parsed only when the event matters. */
export interface HistoryRow extends EventRow {
  seq: number;
}

/** One user's stored events before a time, in time order (ties in the order they were stored). */
export interface UserHistory {
  userId: string;
  rows: HistoryRow[];
}

/**
 * Stored history read user by user, for replays (backtest, forecast rates). Streams: at most one
 * user's events are in memory at a time, never the whole table.
 */
export interface HistoryRepo {
  /** How many users have events before `before` (an index-only count, for progress). */
  countUsers(before: number): number;
  /** Each user's events before `before`, one user at a time. */
  usersBefore(before: number): IterableIterator<UserHistory>;
}

/**
 * The replay's scan: every event before a time, grouped by user through the events_by_user index
 * (user_id, name, ts), so rows come user after user without sorting the table. Exported for the
 * backtest benchmark, whose baseline scans exactly these rows.
 */
export const USER_HISTORY_SQL =
  'SELECT seq, message_id, user_id, type, name, ts, body FROM events INDEXED BY events_by_user WHERE ts < ? ORDER BY user_id';

export function createHistoryRepo(db: Database.Database): HistoryRepo {
  const scan = db.prepare<[number], HistoryRow>(USER_HISTORY_SQL);
  const count = db
    .prepare<[number], number>('SELECT COUNT(DISTINCT user_id) FROM events INDEXED BY events_by_user WHERE ts < ?')
    .pluck();
  return {
    countUsers: (before) => count.get(before) ?? 0,
    *usersBefore(before) {
      let current: UserHistory | undefined;
      for (const row of scan.iterate(before)) {
        if (current && current.userId !== row.user_id) {
          yield inTimeOrder(current);
          current = undefined;
        }
        if (current) current.rows.push(row);
        else current = { userId: row.user_id, rows: [row] };
      }
      if (current) yield inTimeOrder(current);
    },
  };
}

function inTimeOrder(history: UserHistory): UserHistory {
  history.rows.sort((a, b) => a.ts - b.ts || a.seq - b.seq);
  return history;
}
