import type { Database } from 'better-sqlite3';
import type { CatalogEvent, CatalogProperty, CatalogUser } from '../../shared/api/catalog';

/** What the editor suggests: event names, properties and traits seen in recent stored data. */
export interface CatalogRepo {
  eventCatalog(): { events: CatalogEvent[]; traits: CatalogProperty[]; users: CatalogUser[] };
}

/** Enough rows to see every event a product sends, few enough to answer at once. */
const RECENT_EVENTS = 5000;
const RECENT_PROFILES = 200;
const SAMPLE_USERS = 5;
const SAMPLES_PER_KEY = 5;
/** Distinct values counted per key; past this a key (an id, a timestamp) is not worth suggesting. */
const COUNTED_PER_KEY = 50;
const VALUES_PER_KEY = 20;

/** Collects distinct sample values per key, in first-seen order, and how often each occurs. */
class KeySamples {
  private readonly byKey = new Map<string, Map<string, number>>();

  add(values: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(values)) {
      let counts = this.byKey.get(key);
      if (!counts) {
        counts = new Map();
        this.byKey.set(key, counts);
      }
      if (value === null || value === undefined || typeof value === 'object') continue;
      const text = String(value);
      const seen = counts.get(text);
      if (seen !== undefined) counts.set(text, seen + 1);
      else if (counts.size < COUNTED_PER_KEY) counts.set(text, 1);
    }
  }

  list(): CatalogProperty[] {
    return [...this.byKey.entries()]
      .map(([key, counts]) => ({
        key,
        samples: [...counts.keys()].slice(0, SAMPLES_PER_KEY),
        values: [...counts.entries()]
          .map(([value, count]) => ({ value, count }))
          .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
          .slice(0, VALUES_PER_KEY),
      }))
      .sort((a, b) => a.key.localeCompare(b.key));
  }
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Reads the newest stored events and profiles. Statements are prepared once.
 * @example createCatalogRepo(db).eventCatalog().events[0] // { name: 'integration_started', count: 12, ... }
 */
export function createCatalogRepo(db: Database): CatalogRepo {
  const recentTrack = db.prepare<[number], { name: string; ts: number; body: string }>(
    `SELECT name, ts, body FROM events WHERE type = 'track' ORDER BY seq DESC LIMIT ?`,
  );
  const recentProfiles = db.prepare<[number], { user_id: string; traits: string }>(
    'SELECT user_id, traits FROM profiles ORDER BY last_seen DESC LIMIT ?',
  );

  return {
    eventCatalog() {
      const byName = new Map<string, { count: number; lastSeen: number; properties: KeySamples }>();
      for (const row of recentTrack.all(RECENT_EVENTS)) {
        let entry = byName.get(row.name);
        if (!entry) {
          entry = { count: 0, lastSeen: row.ts, properties: new KeySamples() };
          byName.set(row.name, entry);
        }
        entry.count++;
        entry.lastSeen = Math.max(entry.lastSeen, row.ts);
        entry.properties.add(parseObject(row.body));
      }
      const events = [...byName.entries()]
        .map(([name, entry]) => ({
          name,
          count: entry.count,
          lastSeen: entry.lastSeen,
          properties: entry.properties.list(),
        }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));

      const traits = new KeySamples();
      const users: CatalogUser[] = [];
      for (const row of recentProfiles.all(RECENT_PROFILES)) {
        const profile = parseObject(row.traits);
        traits.add(profile);
        if (users.length < SAMPLE_USERS) users.push({ userId: row.user_id, traits: profile });
      }
      return { events, traits: traits.list(), users };
    },
  };
}
