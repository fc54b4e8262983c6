import type { Database, Statement } from 'better-sqlite3';
import { CONNECTED_EVENT } from '../../../shared/metrics/funnel-types';
import type { Awaitable } from '../awaitable';

export interface EventDayRow {
  name: string;
  day: number;
  events: number;
  duplicates: number;
  late: number;
  /** JSON: how many of the day's events carried each property. */
  properties: string;
}

/**
 * Event health: the kept per-day counts (event_days), distinct users per event name from the
 * events_by_user index alone (no event bodies are read), traits of the period's users, and users
 * who connected without a start.
 */
export interface EventHealthRows {
  days(fromDay: number, toDay: number): Awaitable<EventDayRow[]>;
  usersByName(from: number, to: number): Awaitable<{ name: string; users: number }[]>;
  /** The period's users, and how many of them lack each trait (in the order given), in one pass. */
  traitGaps(from: number, to: number, traits: readonly string[]): Awaitable<{ users: number; missing: number[] }>;
  connectedWithoutStart(from: number, to: number): Awaitable<{ connected: number; withoutStart: number }>;
}

export function createEventHealthRows(db: Database): EventHealthRows {
  const days = db.prepare<[number, number], EventDayRow>(
    'SELECT name, day, events, duplicates, late, properties FROM event_days WHERE day >= ? AND day < ? ORDER BY name, day',
  );
  // Identify calls are stored with an empty name: `name != ''` keeps to track events within the index.
  const users = db.prepare<[number, number], { name: string; users: number }>(
    `SELECT name, COUNT(DISTINCT user_id) AS users FROM events INDEXED BY events_by_user
     WHERE name != '' AND ts >= ? AND ts < ? GROUP BY name`,
  );
  // One statement per number of traits: the period's users are found once, not once per trait.
  const traitStatements = new Map<number, Statement<unknown[], number[]>>();
  const traitsStatement = (count: number) => {
    let statement = traitStatements.get(count);
    if (!statement) {
      const missing = Array.from({ length: count }, () => ', COALESCE(SUM(json_extract(p.traits, ?) IS NULL), 0)').join(
        '',
      );
      statement = db
        .prepare<unknown[], number[]>(
          `SELECT COUNT(*)${missing} FROM profiles p
           WHERE p.user_id IN (SELECT user_id FROM events INDEXED BY events_by_user WHERE ts >= ? AND ts < ?)`,
        )
        .raw();
      traitStatements.set(count, statement);
    }
    return statement;
  };
  const gap = db.prepare<[number, number], { connected: number; without_start: number }>(
    `SELECT COUNT(*) AS connected,
       COALESCE(SUM(NOT EXISTS (SELECT 1 FROM funnel_starts s WHERE s.user_id = c.user_id AND s.first_ts <= c.first_at)), 0)
         AS without_start
     FROM (SELECT user_id, MIN(ts) AS first_at FROM events INDEXED BY events_by_user
           WHERE name = '${CONNECTED_EVENT}' AND ts >= ? AND ts < ? GROUP BY user_id) c`,
  );
  return {
    days: (fromDay, toDay) => days.all(fromDay, toDay),
    usersByName: (from, to) => users.all(from, to),
    traitGaps: (from, to, traits) => {
      const [users = 0, ...missing] =
        traitsStatement(traits.length).get(...traits.map((t) => `$."${t}"`), from, to) ?? [];
      return { users, missing: traits.map((_, i) => missing[i] ?? 0) };
    },
    connectedWithoutStart: (from, to) => {
      const row = gap.get(from, to);
      return { connected: row?.connected ?? 0, withoutStart: row?.without_start ?? 0 };
    },
  };
}
