import type { Database } from 'better-sqlite3';

const DAY_MS = 86_400_000;
/** An event received more than this long after its own timestamp arrived late (the Events view counts them). */
export const LATE_AFTER_MS = 3_600_000;
/** Property names counted per event name and day: enough for any real product, bounded for hostile input. */
export const MAX_COUNTED_PROPERTIES = 50;

export interface DayCounts {
  name: string;
  day: number;
  events: number;
  duplicates: number;
  late: number;
  /** How many of these events carried each property (with a value other than null). */
  properties: Map<string, number>;
}

/**
 * Counts stored events, dropped duplicates, late arrivals and the properties they carry, per event
 * name and UTC day (`event_days`). Counts gather in memory during a write transaction and are
 * written once at its end, inside it: a batch of thousands of events costs a few upserts, and the
 * counts commit or roll back with the events themselves.
 */
export interface EventStats {
  stored(name: string, ts: number, receivedAt: number, properties: Record<string, unknown>): void;
  duplicate(name: string, ts: number): void;
  /** Writes what gathered; called by the store at the end of every transaction. */
  flush(): void;
  /** Forgets what gathered: the transaction rolled back, and its events with it. */
  discard(): void;
}

/** Counts gathered in memory for one transaction, by event name and UTC day (either store writes them). */
export interface DayCounter {
  stored(name: string, ts: number, receivedAt: number, properties: Record<string, unknown>): void;
  duplicate(name: string, ts: number): void;
  /** What gathered, sorted by day and name (writers lock rows in one order), and forgets it. */
  drain(): DayCounts[];
  discard(): void;
}

export function createDayCounter(): DayCounter {
  const pending = new Map<string, DayCounts>();
  const counts = (name: string, ts: number): DayCounts => {
    const day = Math.floor(ts / DAY_MS);
    const key = `${day}\u0000${name}`;
    let entry = pending.get(key);
    if (!entry) {
      entry = { name, day, events: 0, duplicates: 0, late: 0, properties: new Map() };
      pending.set(key, entry);
    }
    return entry;
  };
  return {
    stored(name, ts, receivedAt, properties) {
      const c = counts(name, ts);
      c.events++;
      if (receivedAt - ts > LATE_AFTER_MS) c.late++;
      for (const [property, value] of Object.entries(properties)) {
        if (value === null || value === undefined) continue;
        const seen = c.properties.get(property);
        if (seen !== undefined) c.properties.set(property, seen + 1);
        else if (c.properties.size < MAX_COUNTED_PROPERTIES) c.properties.set(property, 1);
      }
    },
    duplicate(name, ts) {
      counts(name, ts).duplicates++;
    },
    drain() {
      const all = [...pending.values()].sort(
        (a, b) => a.day - b.day || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
      );
      pending.clear();
      return all;
    },
    discard: () => pending.clear(),
  };
}

/** The stored property counts (`event_days.properties`) with these added, new names up to the cap. */
export function mergedProperties(storedJson: string | undefined, counts: DayCounts): string {
  // A Map, not an object: a property named __proto__ is just a name here.
  const stored = new Map(Object.entries(JSON.parse(storedJson ?? '{}') as Record<string, number>));
  for (const [property, n] of counts.properties) {
    const before = stored.get(property);
    if (before !== undefined) stored.set(property, before + n);
    else if (stored.size < MAX_COUNTED_PROPERTIES) stored.set(property, n);
  }
  return JSON.stringify(Object.fromEntries(stored));
}

export function createEventStats(db: Database): EventStats {
  const upsert = db.prepare<[string, number, number, number, number]>(
    `INSERT INTO event_days (name, day, events, duplicates, late) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name, day) DO UPDATE SET events = events + excluded.events,
       duplicates = duplicates + excluded.duplicates, late = late + excluded.late`,
  );
  const readProperties = db
    .prepare<[string, number], string>('SELECT properties FROM event_days WHERE name = ? AND day = ?')
    .pluck();
  const writeProperties = db.prepare<[string, string, number]>(
    'UPDATE event_days SET properties = ? WHERE name = ? AND day = ?',
  );
  const counter = createDayCounter();
  const flush = () => {
    for (const c of counter.drain()) {
      upsert.run(c.name, c.day, c.events, c.duplicates, c.late);
      if (c.properties.size > 0)
        writeProperties.run(mergedProperties(readProperties.get(c.name, c.day), c), c.name, c.day);
    }
  };
  // Outside a transaction (a lone insert) there is no end to wait for: write at once.
  const settle = () => {
    if (!db.inTransaction) flush();
  };
  return {
    stored(name, ts, receivedAt, properties) {
      counter.stored(name, ts, receivedAt, properties);
      settle();
    },
    duplicate(name, ts) {
      counter.duplicate(name, ts);
      settle();
    },
    flush,
    discard: () => counter.discard(),
  };
}
