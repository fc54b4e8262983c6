import type { Database } from 'better-sqlite3';

/** One user who asked for no more email. */
export interface Unsubscribe {
  userId: string;
  /** How they asked, e.g. `one-click` (RFC 8058 POST from a mail client) or `link` (the page's button). */
  reason: string;
  at: number;
}

export interface UnsubscribesRepo {
  /** Records the first unsubscribe of a user; returns false when they already were. */
  add(userId: string, reason: string, at: number): boolean;
  get(userId: string): Unsubscribe | undefined;
  has(userId: string): boolean;
  /** Newest first. */
  list(limit: number, offset?: number): Unsubscribe[];
  count(): number;
  /** Lets a user receive mail again (they re-subscribed); returns false when they were not listed. */
  remove(userId: string): boolean;
}

interface Row {
  user_id: string;
  reason: string;
  at: number;
}

const toUnsubscribe = (r: Row): Unsubscribe => ({ userId: r.user_id, reason: r.reason, at: r.at });

export function createUnsubscribesRepo(db: Database): UnsubscribesRepo {
  const insert = db.prepare<[string, string, number]>(
    'INSERT INTO unsubscribes (user_id, reason, at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO NOTHING',
  );
  const getStatement = db.prepare<[string], Row>('SELECT user_id, reason, at FROM unsubscribes WHERE user_id = ?');
  const hasStatement = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM unsubscribes WHERE user_id = ?');
  const listStatement = db.prepare<[number, number], Row>(
    'SELECT user_id, reason, at FROM unsubscribes ORDER BY at DESC, user_id LIMIT ? OFFSET ?',
  );
  const countStatement = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM unsubscribes');
  const removeStatement = db.prepare<[string]>('DELETE FROM unsubscribes WHERE user_id = ?');
  return {
    add: (userId, reason, at) => insert.run(userId, reason, at).changes === 1,
    get: (userId) => {
      const row = getStatement.get(userId);
      return row ? toUnsubscribe(row) : undefined;
    },
    has: (userId) => hasStatement.get(userId) !== undefined,
    list: (limit, offset = 0) => listStatement.all(limit, offset).map(toUnsubscribe),
    count: () => countStatement.get()?.n ?? 0,
    remove: (userId) => removeStatement.run(userId).changes === 1,
  };
}
