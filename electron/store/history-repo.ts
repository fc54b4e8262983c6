import type Database from 'better-sqlite3';
import type { Awaitable, RowStream } from './awaitable';
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

/** The users whose id is at least `from` and less than `to` (null: no bound), in id order. */
export interface UserRange {
  from: string | null;
  to: string | null;
}

export const ALL_USERS: UserRange = { from: null, to: null };

/**
 * Stored history user by user, as a replay reads it, on either store: SQLite's HistoryRepo, or
 * PostgreSQL's (store/pg/history-rows.ts) through a cursor.
 */
export interface HistorySource {
  countUsers(before: number, range?: UserRange): Awaitable<number>;
  usersBefore(before: number, range?: UserRange): RowStream<UserHistory>;
}

/**
 * Stored history read user by user, for replays (backtest, forecast rates). Streams: at most one
 * user's events are in memory at a time, never the whole table.
 */
export interface HistoryRepo extends HistorySource {
  /** How many users (in a range) have events before `before` (an index-only count, for progress). */
  countUsers(before: number, range?: UserRange): number;
  /** Each user's (in a range) events before `before`, one user at a time. */
  usersBefore(before: number, range?: UserRange): IterableIterator<UserHistory>;
  /**
   * `parts` ranges of about as many users each, covering every user with events before `before`:
   * replays of the ranges can run side by side.
   */
  split(before: number, parts: number): UserRange[];
  /** About how many events are stored (the newest row's number: instant, however large the table). */
  approximateSize(): number;
}

/**
 * The replay's scan: every event before a time, grouped by user through the events_by_user index
 * (user_id, name, ts), so rows come user after user without sorting the table. Exported for the
 * backtest benchmark, whose baseline scans exactly these rows.
 */
export const USER_HISTORY_SQL =
  'SELECT seq, message_id, user_id, type, name, ts, body FROM events INDEXED BY events_by_user WHERE ts < ? ORDER BY user_id';

/** The range's bounds as SQL, and its parameters after `ts < ?` (one statement per kind of range). */
const RANGES = {
  all: '',
  from: 'AND user_id >= ?',
  to: 'AND user_id < ?',
  both: 'AND user_id >= ? AND user_id < ?',
} as const;

function kindOf(range: UserRange): keyof typeof RANGES {
  return range.from !== null ? (range.to !== null ? 'both' : 'from') : range.to !== null ? 'to' : 'all';
}

const boundsOf = (range: UserRange) => [range.from, range.to].filter((b): b is string => b !== null);

export function createHistoryRepo(db: Database.Database): HistoryRepo {
  const prepare = <T>(sql: (where: string) => string, pluck = false) => {
    const statements = Object.fromEntries(
      Object.entries(RANGES).map(([kind, where]) => {
        const statement = db.prepare<(number | string)[], T>(sql(where));
        return [kind, pluck ? statement.pluck() : statement];
      }),
    ) as Record<keyof typeof RANGES, Database.Statement<(number | string)[], T>>;
    return (range: UserRange) => statements[kindOf(range)];
  };
  const scan = prepare<HistoryRow>((where) => USER_HISTORY_SQL.replace('ORDER BY', `${where} ORDER BY`));
  const count = prepare<number>(
    (where) => `SELECT COUNT(DISTINCT user_id) FROM events INDEXED BY events_by_user WHERE ts < ? ${where}`,
    true,
  );
  const nth = db
    .prepare<[number, number], string>(
      `SELECT user_id FROM (SELECT DISTINCT user_id FROM events INDEXED BY events_by_user WHERE ts < ? ORDER BY user_id)
       LIMIT 1 OFFSET ?`,
    )
    .pluck();
  const newest = db.prepare<[], number>('SELECT COALESCE(MAX(seq), 0) FROM events').pluck();
  return {
    approximateSize: () => newest.get() ?? 0,
    countUsers: (before, range = ALL_USERS) => count(range).get(before, ...boundsOf(range)) ?? 0,
    split(before, parts) {
      const total = count(ALL_USERS).get(before) ?? 0;
      const cuts: string[] = [];
      for (let k = 1; k < parts; k++) {
        // A cut at the first user would leave the first range empty; one cut twice, a range empty.
        const offset = Math.floor((total * k) / parts);
        const cut = offset > 0 ? nth.get(before, offset) : undefined;
        if (cut !== undefined && cut !== cuts[cuts.length - 1]) cuts.push(cut);
      }
      return [null, ...cuts].map((from, i) => ({ from, to: cuts[i] ?? null }));
    },
    *usersBefore(before, range = ALL_USERS) {
      let current: UserHistory | undefined;
      for (const row of scan(range).iterate(before, ...boundsOf(range))) {
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
