import type { Database } from 'better-sqlite3';

const DAY_MS = 86_400_000;
/** An event received more than this long after its own timestamp arrived late (the Events view counts them). */
export const LATE_AFTER_MS = 3_600_000;

interface DayCounts {
  name: string;
  day: number;
  events: number;
  duplicates: number;
  late: number;
}

/**
 * Counts stored events, dropped duplicates and late arrivals per event name and UTC day
 * (`event_days`). Counts gather in memory during a write transaction and are written once at its
 * end, inside it: a batch of thousands of events costs a few upserts, and the counts commit or roll
 * back with the events themselves.
 */
export interface EventStats {
  stored(name: string, ts: number, receivedAt: number): void;
  duplicate(name: string, ts: number): void;
  /** Writes what gathered; called by the store at the end of every transaction. */
  flush(): void;
  /** Forgets what gathered: the transaction rolled back, and its events with it. */
  discard(): void;
}

export function createEventStats(db: Database): EventStats {
  const upsert = db.prepare<[string, number, number, number, number]>(
    `INSERT INTO event_days (name, day, events, duplicates, late) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name, day) DO UPDATE SET events = events + excluded.events,
       duplicates = duplicates + excluded.duplicates, late = late + excluded.late`,
  );
  const pending = new Map<string, DayCounts>();
  const counts = (name: string, ts: number): DayCounts => {
    const day = Math.floor(ts / DAY_MS);
    const key = `${day}\u0000${name}`;
    let entry = pending.get(key);
    if (!entry) {
      entry = { name, day, events: 0, duplicates: 0, late: 0 };
      pending.set(key, entry);
    }
    return entry;
  };
  const flush = () => {
    for (const c of pending.values()) upsert.run(c.name, c.day, c.events, c.duplicates, c.late);
    pending.clear();
  };
  // Outside a transaction (a lone insert) there is no end to wait for: write at once.
  const settle = () => {
    if (!db.inTransaction) flush();
  };
  return {
    stored(name, ts, receivedAt) {
      const c = counts(name, ts);
      c.events++;
      if (receivedAt - ts > LATE_AFTER_MS) c.late++;
      settle();
    },
    duplicate(name, ts) {
      counts(name, ts).duplicates++;
      settle();
    },
    flush,
    discard: () => pending.clear(),
  };
}
