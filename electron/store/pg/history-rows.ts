import type { HistoryRow, HistorySource, UserHistory } from '../history-repo';
import { ALL_USERS, type UserRange } from '../history-repo';
import { cursorRows, type Queryable } from './cursor';

type Row = [
  seq: number,
  messageId: string,
  userId: string,
  type: 'track' | 'identify',
  name: string,
  ts: number,
  body: string,
];

/** The range's bounds after `ts < $1`, and its parameters. */
function bounds(range: UserRange): { where: string; params: string[] } {
  const where: string[] = [];
  const params: string[] = [];
  if (range.from !== null) {
    params.push(range.from);
    where.push(`AND user_id >= $${params.length + 1}`);
  }
  if (range.to !== null) {
    params.push(range.to);
    where.push(`AND user_id < $${params.length + 1}`);
  }
  return { where: where.join(' '), params };
}

/**
 * Stored history user by user on PostgreSQL, for a backtest: every event before a time through a
 * cursor in user order (the events_by_user index), each user's rows in time order (ties in the
 * order they were stored), as SQLite's HistoryRepo gives them. One page of rows in memory.
 */
export function createPgHistorySource(client: Queryable): HistorySource {
  return {
    async countUsers(before, range = ALL_USERS) {
      const { where, params } = bounds(range);
      const { rows } = await client.query(
        `SELECT COUNT(DISTINCT user_id)::int AS n FROM events WHERE ts < $1 ${where}`,
        [before, ...params],
      );
      return (rows[0] as { n: number } | undefined)?.n ?? 0;
    },
    async *usersBefore(before, range = ALL_USERS) {
      const { where, params } = bounds(range);
      const rows = cursorRows<Row>(
        client,
        `SELECT seq, message_id, user_id, type, name, ts, body FROM events
         WHERE ts < $1 ${where} ORDER BY user_id, ts, seq`,
        [before, ...params],
      );
      let current: UserHistory | undefined;
      for await (const [seq, message_id, user_id, type, name, ts, body] of rows) {
        const row: HistoryRow = { seq, message_id, user_id, type, name, ts, body };
        if (current?.userId === user_id) {
          current.rows.push(row);
          continue;
        }
        if (current) yield current;
        current = { userId: user_id, rows: [row] };
      }
      if (current) yield current;
    },
  };
}
