import type { Database } from 'better-sqlite3';
import { likePattern } from './like-pattern';

export type SuppressionReason = 'bounced' | 'complained';

/** An address DripAgent no longer mails, in any journey. */
export interface Suppression {
  /** Lower-cased. */
  address: string;
  /** The user it was found on, when known (a provider's webhook names only the address). */
  userId: string | null;
  reason: SuppressionReason;
  /** Where it came from: `smtp` (a 5xx at send), `soft_bounces`, `event` (the tracking API) or a provider, e.g. `postmark`. */
  source: string;
  /** The server's reply or the provider's words. */
  detail: string;
  at: number;
}

export interface SuppressionsRepo {
  /** Records the first suppression of an address; returns false when it already was. */
  add(entry: Suppression): boolean;
  /** Why `address` is suppressed, or undefined. Runs for every email: one indexed lookup. */
  get(address: string): Suppression | undefined;
  /** Newest first; `query` matches part of the address or the user id. */
  list(options: { limit: number; offset?: number; query?: string }): Suppression[];
  count(query?: string): number;
  /** Every row, newest first, one at a time (CSV export). */
  each(visit: (entry: Suppression) => void): void;
  /** Mails the address again; its soft bounces are forgotten too. Returns false when it was not listed. */
  remove(address: string): boolean;
  /** Records a soft bounce on `day` (UTC day number); returns on how many days since `sinceDay` it soft-bounced. */
  softBounce(address: string, day: number, at: number, detail: string, sinceDay: number): number;
}

/** A suppressions row as stored (SQLite and PostgreSQL alike). */
export interface SuppressionColumns {
  address: string;
  user_id: string | null;
  reason: SuppressionReason;
  source: string;
  detail: string;
  at: number;
}

export const toSuppression = (r: SuppressionColumns): Suppression => ({
  address: r.address,
  userId: r.user_id,
  reason: r.reason,
  source: r.source,
  detail: r.detail,
  at: r.at,
});

/** Addresses compare case-insensitively (domains are, and no real mailbox differs by case alone). */
export const normalizeAddress = (address: string) => address.trim().toLowerCase();

export function createSuppressionsRepo(db: Database): SuppressionsRepo {
  const insert = db.prepare<[string, string | null, string, string, string, number]>(
    `INSERT INTO suppressions (address, user_id, reason, source, detail, at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (address) DO NOTHING`,
  );
  const getStatement = db.prepare<[string], SuppressionColumns>('SELECT * FROM suppressions WHERE address = ?');
  const listAll = db.prepare<[number, number], SuppressionColumns>(
    'SELECT * FROM suppressions ORDER BY at DESC, address LIMIT ? OFFSET ?',
  );
  const listMatching = db.prepare<[string, string, number, number], SuppressionColumns>(
    `SELECT * FROM suppressions WHERE address LIKE ? ESCAPE '\\' OR user_id LIKE ? ESCAPE '\\'
     ORDER BY at DESC, address LIMIT ? OFFSET ?`,
  );
  const countAll = db.prepare<[], number>('SELECT COUNT(*) FROM suppressions').pluck();
  const countMatching = db
    .prepare<[string, string], number>(
      `SELECT COUNT(*) FROM suppressions WHERE address LIKE ? ESCAPE '\\' OR user_id LIKE ? ESCAPE '\\'`,
    )
    .pluck();
  const every = db.prepare<[], SuppressionColumns>('SELECT * FROM suppressions ORDER BY at DESC, address');
  const removeStatement = db.prepare<[string]>('DELETE FROM suppressions WHERE address = ?');
  const forgetSoft = db.prepare<[string]>('DELETE FROM soft_bounces WHERE address = ?');
  const addSoft = db.prepare<[string, number, number, string]>(
    `INSERT INTO soft_bounces (address, day, at, detail) VALUES (?, ?, ?, ?)
     ON CONFLICT (address, day) DO UPDATE SET at = excluded.at, detail = excluded.detail`,
  );
  const softDays = db
    .prepare<[string, number], number>('SELECT COUNT(*) FROM soft_bounces WHERE address = ? AND day >= ?')
    .pluck();
  return {
    add: (e) => insert.run(normalizeAddress(e.address), e.userId, e.reason, e.source, e.detail, e.at).changes === 1,
    get: (address) => {
      const row = getStatement.get(normalizeAddress(address));
      return row ? toSuppression(row) : undefined;
    },
    list: ({ limit, offset = 0, query }) =>
      (query
        ? listMatching.all(likePattern(query), likePattern(query), limit, offset)
        : listAll.all(limit, offset)
      ).map(toSuppression),
    count: (query) => (query ? countMatching.get(likePattern(query), likePattern(query)) : countAll.get()) ?? 0,
    each: (visit) => {
      for (const row of every.iterate()) visit(toSuppression(row));
    },
    remove: (address) => {
      const key = normalizeAddress(address);
      forgetSoft.run(key);
      return removeStatement.run(key).changes === 1;
    },
    softBounce: (address, day, at, detail, sinceDay) => {
      const key = normalizeAddress(address);
      addSoft.run(key, day, at, detail);
      return softDays.get(key, sinceDay) ?? 0;
    },
  };
}
