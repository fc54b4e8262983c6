import {
  normalizeAddress,
  type Suppression,
  type SuppressionColumns,
  type SuppressionsRepo,
  toSuppression,
} from '../suppressions-repo';
import type { Sql } from './user-rows';

/**
 * Suppressed addresses on PostgreSQL for one engine transaction: the rows of the addresses the
 * batch's users may be mailed at (and those its bounce events name) are read first, then the
 * synchronous suppression rules run against them in memory as SQLite's repository would, and
 * what they added is written with the batch's rows. The users' head locks order two engines
 * suppressing the same user's address; `ON CONFLICT` keeps the first suppression of an address.
 */
export interface BatchSuppressions {
  repo: Pick<SuppressionsRepo, 'add' | 'get' | 'softBounce'>;
  /** Writes the suppressions and soft bounces added during the batch. */
  write(sql: Sql): Promise<void>;
}

export async function batchSuppressions(sql: Sql, addresses: Iterable<string>): Promise<BatchSuppressions> {
  const keys = [...new Set([...addresses].map(normalizeAddress))].filter((a) => a !== '');
  const known = new Map<string, Suppression>();
  const softDays = new Map<string, Set<number>>();
  if (keys.length > 0) {
    const found = await sql.query<SuppressionColumns>('SELECT * FROM suppressions WHERE address = ANY($1)', [keys]);
    for (const r of found.rows) known.set(r.address, toSuppression(r));
    const soft = await sql.query<{ address: string; day: number }>(
      'SELECT address, day FROM soft_bounces WHERE address = ANY($1)',
      [keys],
    );
    for (const r of soft.rows) softDays.set(r.address, (softDays.get(r.address) ?? new Set()).add(r.day));
  }
  const added: Suppression[] = [];
  const bounces: { address: string; day: number; at: number; detail: string }[] = [];
  return {
    repo: {
      add(entry) {
        const address = normalizeAddress(entry.address);
        if (known.has(address)) return false;
        const row = { ...entry, address };
        known.set(address, row);
        added.push(row);
        return true;
      },
      get: (address) => known.get(normalizeAddress(address)),
      softBounce(address, day, at, detail, sinceDay) {
        const key = normalizeAddress(address);
        const days = softDays.get(key) ?? new Set<number>();
        days.add(day);
        softDays.set(key, days);
        bounces.push({ address: key, day, at, detail });
        return [...days].filter((d) => d >= sinceDay).length;
      },
    },
    async write(sql) {
      for (const b of bounces) {
        await sql.query(
          `INSERT INTO soft_bounces (address, day, at, detail) VALUES ($1, $2, $3, $4)
           ON CONFLICT (address, day) DO UPDATE SET at = excluded.at, detail = excluded.detail`,
          [b.address, b.day, b.at, b.detail],
        );
      }
      for (const s of added) {
        await sql.query(
          `INSERT INTO suppressions (address, user_id, reason, source, detail, at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (address) DO NOTHING`,
          [s.address, s.userId, s.reason, s.source, s.detail, s.at],
        );
      }
    },
  };
}
