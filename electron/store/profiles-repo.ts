import type { Database } from 'better-sqlite3';
import { likePattern } from './like-pattern';

export interface Profile {
  userId: string;
  traits: Record<string, unknown>;
  firstSeen: number;
  lastSeen: number;
}

/** User profiles, merged from identify traits (and traits set by journeys). */
export interface ProfilesRepo {
  get(userId: string): Profile | undefined;
  /** Creates or updates a profile with these traits. */
  save(userId: string, traits: Record<string, unknown>, seenAt: number): void;
  search(query: string, limit: number): Profile[];
  count(): number;
}

interface Row {
  user_id: string;
  traits: string;
  first_seen: number;
  last_seen: number;
}

const toProfile = (r: Row): Profile => ({
  userId: r.user_id,
  traits: JSON.parse(r.traits),
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
});

export function createProfilesRepo(db: Database): ProfilesRepo {
  const get = db.prepare<[string], Row>('SELECT * FROM profiles WHERE user_id = ?');
  const save = db.prepare<[string, string, number, number]>(
    `INSERT INTO profiles (user_id, traits, first_seen, last_seen) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET traits = excluded.traits, last_seen = MAX(last_seen, excluded.last_seen)`,
  );
  const search = db.prepare<[string, string, number], Row>(
    `SELECT * FROM profiles WHERE user_id LIKE ? ESCAPE '\\' OR traits LIKE ? ESCAPE '\\' ORDER BY last_seen DESC LIMIT ?`,
  );
  const countStatement = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM profiles');
  return {
    get: (userId) => {
      const row = get.get(userId);
      return row ? toProfile(row) : undefined;
    },
    save: (userId, traits, seenAt) => void save.run(userId, JSON.stringify(traits), seenAt, seenAt),
    search: (query, limit) => {
      const like = likePattern(query);
      return search.all(like, like, limit).map(toProfile);
    },
    count: () => countStatement.get()?.n ?? 0,
  };
}
