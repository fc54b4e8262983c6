import { CONNECTED_EVENT, ERROR_EVENT } from '../../../shared/metrics/funnel-types';
import type { ReportsRepo } from '../reports';
import type { EventDayRow, EventHealthRows } from '../reports/event-health-rows';
import type { CohortEmailRow, CohortEventRow, CohortRow, FunnelRows } from '../reports/funnel-rows';
import type { ClickRow, EnteredRunRow, JourneyRows } from '../reports/journey-rows';
import { cursorRows, type Queryable } from './cursor';

/**
 * The reads behind reports on PostgreSQL: the same rows as SQLite's (store/reports), in
 * PostgreSQL's dialect. JSON columns are text (written by the same encoders as on SQLite) and
 * read through `::jsonb`; a JSON value comes back as what it holds (a number, a string, true),
 * as SQLite's json_extract gives it. Long results stream through cursors on `client`, which
 * must be in a transaction (inSnapshot), so the funnel's three streams see one snapshot.
 */
export function createPgReportsRepo(client: Queryable): ReportsRepo {
  return {
    funnel: createPgFunnelRows(client),
    journey: createPgJourneyRows(client),
    eventHealth: createPgEventHealthRows(client),
  };
}

const COHORT = 's.first_ts >= $1 AND s.first_ts < $2';
const ORDER = 'ORDER BY s.first_ts, s.user_id';
const FROM_COHORT = 'FROM funnel_starts s LEFT JOIN profiles p ON p.user_id = s.user_id';

/** One JSON value of a row, as SQLite's json_extract gives it (objects as JSON text). */
const asExtracted = (value: unknown) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : value);

async function* extracted<T extends unknown[]>(rows: AsyncIterable<T>, column: number): AsyncGenerator<T> {
  for await (const row of rows) {
    row[column] = asExtracted(row[column]);
    yield row;
  }
}

function createPgFunnelRows(client: Queryable): FunnelRows {
  const cohortSql = (by: string) =>
    `SELECT s.user_id, s.first_ts, p.traits::jsonb -> 'createdAt', ${by} ${FROM_COHORT}`;
  return {
    async cohortSize(from, to) {
      const { rows } = await client.query(`SELECT COUNT(*)::int AS n FROM funnel_starts s WHERE ${COHORT}`, [from, to]);
      return rows[0]?.n ?? 0;
    },
    cohort(from, to, by) {
      const rows =
        by.kind === 'none'
          ? cursorRows<CohortRow>(client, `${cohortSql('NULL')} WHERE ${COHORT} ${ORDER}`, [from, to])
          : by.kind === 'trait'
            ? cursorRows<CohortRow>(client, `${cohortSql('p.traits::jsonb -> $3')} WHERE ${COHORT} ${ORDER}`, [
                from,
                to,
                by.name,
              ])
            : cursorRows<CohortRow>(
                client,
                `${cohortSql('st.body::jsonb -> $3')} LEFT JOIN events st ON st.seq = s.start_seq
                 WHERE ${COHORT} ${ORDER}`,
                [from, to, by.name],
              );
      return extracted(extracted(rows, 2), 3);
    },
    cohortEvents: (from, to, names) =>
      extracted(
        cursorRows<CohortEventRow>(
          client,
          `SELECT s.user_id, e.name, e.ts,
             CASE WHEN e.name = '${ERROR_EVENT}' THEN e.body::jsonb -> 'error_code' END
           FROM funnel_starts s JOIN events e ON e.user_id = s.user_id AND e.name = ANY($3::text[]) AND e.ts >= s.first_ts
           WHERE ${COHORT} ${ORDER}`,
          [from, to, names],
        ),
        3,
      ),
    cohortEmails: (from, to) =>
      cursorRows<CohortEmailRow>(
        client,
        `SELECT s.user_id, o.journey_id, o.node_id, o.at
         FROM funnel_starts s JOIN outbox o ON o.user_id = s.user_id AND o.at >= s.first_ts
         WHERE ${COHORT} AND o.kind = 'email' AND o.status = 'sent' ${ORDER}`,
        [from, to],
      ),
  };
}

const ENTERED = 'r.journey_id = $1 AND r.entered_at >= $2 AND r.entered_at < $3';
const IN_PERIOD = 'journey_id = $1 AND at >= $2 AND at < $3';

/** A whole (short) result, as objects. */
const rowsOf = async <T>(client: Queryable, sql: string, params: unknown[]) =>
  (await client.query(sql, params)).rows as T[];

function createPgJourneyRows(client: Queryable): JourneyRows {
  const all = <T>(sql: string, params: unknown[]) => rowsOf<T>(client, sql, params);
  return {
    runStatuses: (id, from, to) =>
      all(
        `SELECT status, end_reason AS "endReason", COUNT(*)::int AS runs FROM runs r WHERE ${ENTERED}
         GROUP BY status, end_reason`,
        [id, from, to],
      ),
    nodeReach: (id, from, to) =>
      all(
        `SELECT v.key AS "nodeId", COUNT(DISTINCT r.user_id)::int AS runs
         FROM runs r, jsonb_each(r.state::jsonb -> 'visits') v WHERE ${ENTERED} GROUP BY v.key`,
        [id, from, to],
      ),
    messages: (id, from, to) =>
      all(
        `SELECT node_id AS "nodeId", kind, status, COUNT(*)::int AS count FROM outbox WHERE ${IN_PERIOD}
         GROUP BY node_id, kind, status`,
        [id, from, to],
      ),
    skips: (id, from, to) =>
      all(
        `SELECT node_id AS "nodeId", reason, COUNT(*)::int AS count, COUNT(DISTINCT user_id)::int AS users
         FROM journey_skips WHERE ${IN_PERIOD} GROUP BY node_id, reason`,
        [id, from, to],
      ),
    skippedUsers: (id, from, to) =>
      all(
        `SELECT reason, COUNT(DISTINCT user_id)::int AS users FROM journey_skips WHERE ${IN_PERIOD} GROUP BY reason`,
        [id, from, to],
      ),
    emailConversion: (id, from, to, goalEvent, windowMs) =>
      all(
        `SELECT o.node_id AS "nodeId", COUNT(*)::int AS recipients,
           (COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM events e WHERE e.user_id = o.user_id AND e.name = $4
                   AND e.ts >= o.first_at AND e.ts <= o.first_at + $5)))::int AS converted
         FROM (SELECT node_id, user_id, MIN(at) AS first_at FROM outbox
               WHERE ${IN_PERIOD} AND kind = 'email' AND status = 'sent'
               GROUP BY node_id, user_id) o
         GROUP BY o.node_id`,
        [id, from, to, goalEvent, windowMs],
      ),
    clicks: (id, from, to) =>
      all<ClickRow>(
        `SELECT node_id AS "nodeId", kind, link, (COUNT(*) FILTER (WHERE prefetch IS NULL))::int AS clicks,
                COUNT(DISTINCT CASE WHEN prefetch IS NULL THEN user_id END)::int AS people,
                (COUNT(*) FILTER (WHERE prefetch IS NOT NULL))::int AS prefetches
         FROM email_clicks WHERE ${IN_PERIOD}
         GROUP BY node_id, kind, link ORDER BY node_id, kind, clicks DESC, link`,
        [id, from, to],
      ),
    clickers: (id, from, to) =>
      all(
        `SELECT node_id AS "nodeId", kind, COUNT(DISTINCT user_id)::int AS people
         FROM email_clicks WHERE ${IN_PERIOD} AND prefetch IS NULL GROUP BY node_id, kind`,
        [id, from, to],
      ),
    enteredRuns: (id, from, to, goalEvent, windowMs) =>
      cursorRows<EnteredRunRow>(
        client,
        `SELECT r.user_id, r.version, r.entered_at,
           (SELECT MIN(e.ts) FROM events e WHERE e.user_id = r.user_id AND e.name = $4
              AND e.ts >= r.entered_at AND e.ts <= r.entered_at + $5),
           (r.state::jsonb -> 'visits')::text
         FROM runs r WHERE ${ENTERED}`,
        [id, from, to, goalEvent, windowMs],
      ),
  };
}

function createPgEventHealthRows(client: Queryable): EventHealthRows {
  return {
    days: (fromDay, toDay) =>
      rowsOf<EventDayRow>(
        client,
        `SELECT name, day, events, duplicates, late, properties FROM event_days
         WHERE day >= $1 AND day < $2 ORDER BY name, day`,
        [fromDay, toDay],
      ),
    usersByName: (from, to) =>
      rowsOf<{ name: string; users: number }>(
        client,
        `SELECT name, COUNT(DISTINCT user_id)::int AS users FROM events
         WHERE name != '' AND ts >= $1 AND ts < $2 GROUP BY name`,
        [from, to],
      ),
    async traitGaps(from, to, traits) {
      // The period's users are found once; each trait's count is over the same rows. `->>` gives
      // NULL for a JSON null too, as SQLite's json_extract does.
      const missing = traits.map((_, i) => `, COUNT(*) FILTER (WHERE p.traits::jsonb ->> $${i + 3} IS NULL)::int`);
      const { rows } = await client.query({
        text: `SELECT COUNT(*)::int${missing.join('')} FROM profiles p
               WHERE p.user_id IN (SELECT user_id FROM events WHERE ts >= $1 AND ts < $2)`,
        values: [from, to, ...traits],
        rowMode: 'array',
      });
      const [users = 0, ...counts] = (rows[0] ?? []) as unknown as number[];
      return { users, missing: traits.map((_, i) => counts[i] ?? 0) };
    },
    async connectedWithoutStart(from, to) {
      const { rows } = await client.query(
        `SELECT COUNT(*)::int AS connected,
           (COUNT(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM funnel_starts s
                                               WHERE s.user_id = c.user_id AND s.first_ts <= c.first_at)))::int
             AS without_start
         FROM (SELECT user_id, MIN(ts) AS first_at FROM events
               WHERE name = '${CONNECTED_EVENT}' AND ts >= $1 AND ts < $2 GROUP BY user_id) c`,
        [from, to],
      );
      return { connected: rows[0]?.connected ?? 0, withoutStart: rows[0]?.without_start ?? 0 };
    },
  };
}
