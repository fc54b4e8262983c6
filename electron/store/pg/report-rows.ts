import { CONNECTED_EVENT, ERROR_EVENT } from '../../../shared/metrics/funnel-types';
import type { ReportsRepo } from '../reports';
import type { EventDayRow, EventHealthRows } from '../reports/event-health-rows';
import type { CohortEmailRow, CohortEventRow, CohortRow, FunnelRows } from '../reports/funnel-rows';
import type { ClickRow, EnteredRunRow, JourneyRows } from '../reports/journey-rows';
import { cursorRows, type Queryable } from './cursor';

/**
 * The reads behind reports on PostgreSQL: the same rows as SQLite's (store/reports), in
 * PostgreSQL's dialect. JSON columns are text (written by the same encoders as on SQLite) and their
 * values are taken out here, in JavaScript, as SQLite's json_extract gives them: PostgreSQL's JSON
 * operators refuse a NUL (`\u0000`), which ingestion keeps inside properties and traits, so one
 * such profile would fail every report over its period. Long results stream through cursors on
 * `client`, which must be in a transaction (inSnapshot), so the funnel's three streams see one
 * snapshot.
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

/** A JSON text's top-level object (null when it is not one). */
function objectOf(json: unknown): Record<string, unknown> | null {
  if (typeof json !== 'string') return null;
  try {
    const value = JSON.parse(json) as unknown;
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A JSON value as SQLite's json_extract gives it: null for missing or null, objects as JSON text, true as 1. */
function asExtracted(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return typeof value === 'object' ? JSON.stringify(value) : value;
}

const extract = (json: unknown, key: string) => asExtracted(objectOf(json)?.[key]);

/** A breakdown value: as extract, but yes/no as the words SQLite's funnel query gives ('true', 'false'). */
function breakdownValue(json: unknown, key: string): unknown {
  const value = objectOf(json)?.[key];
  return typeof value === 'boolean' ? String(value) : asExtracted(value);
}

/** Rows of (user, first start, traits text, breakdown JSON text) as the funnel's cohort rows. */
async function* cohortRows(rows: AsyncIterable<unknown[]>, key: string | null): AsyncGenerator<CohortRow> {
  for await (const [userId, start, traits, source] of rows) {
    yield [
      userId as string,
      start as number,
      extract(traits, 'createdAt'),
      key === null ? null : breakdownValue(source, key),
    ];
  }
}

function createPgFunnelRows(client: Queryable): FunnelRows {
  const cohortSql = (by: string) => `SELECT s.user_id, s.first_ts, p.traits, ${by} ${FROM_COHORT}`;
  return {
    async cohortSize(from, to) {
      const { rows } = await client.query(`SELECT COUNT(*)::int AS n FROM funnel_starts s WHERE ${COHORT}`, [from, to]);
      return rows[0]?.n ?? 0;
    },
    cohort(from, to, by) {
      if (by.kind === 'none') {
        return cohortRows(cursorRows(client, `${cohortSql('NULL')} WHERE ${COHORT} ${ORDER}`, [from, to]), null);
      }
      const sql =
        by.kind === 'trait'
          ? `${cohortSql('p.traits')} WHERE ${COHORT} ${ORDER}`
          : `${cohortSql('st.body')} LEFT JOIN events st ON st.seq = s.start_seq WHERE ${COHORT} ${ORDER}`;
      return cohortRows(cursorRows(client, sql, [from, to]), by.name);
    },
    async *cohortEvents(from, to, names) {
      const rows = cursorRows<[string, string, number, string | null]>(
        client,
        `SELECT s.user_id, e.name, e.ts, CASE WHEN e.name = '${ERROR_EVENT}' THEN e.body END
         FROM funnel_starts s JOIN events e ON e.user_id = s.user_id AND e.name = ANY($3::text[]) AND e.ts >= s.first_ts
         WHERE ${COHORT} ${ORDER}`,
        [from, to, names],
      );
      for await (const [userId, name, ts, body] of rows) {
        yield [userId, name, ts, body === null ? null : extract(body, 'error_code')] satisfies CohortEventRow;
      }
    },
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

/** A run's visits by step (none when its state is not what the encoder writes). */
function visitsOf(state: string): Record<string, number> {
  try {
    const visits = (JSON.parse(state) as { visits?: unknown } | null)?.visits;
    return visits !== null && typeof visits === 'object' ? (visits as Record<string, number>) : {};
  } catch {
    return {};
  }
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
    // Runs by user, each user's steps gathered across their runs, then counted once per step:
    // COUNT(DISTINCT user) per step, with the visits taken out of the state here (see extract).
    async nodeReach(id, from, to) {
      const reached = new Map<string, number>();
      let user: string | undefined;
      let steps = new Set<string>();
      const flush = () => {
        for (const nodeId of steps) reached.set(nodeId, (reached.get(nodeId) ?? 0) + 1);
        steps = new Set();
      };
      for await (const [userId, state] of cursorRows<[string, string]>(
        client,
        `SELECT r.user_id, r.state FROM runs r WHERE ${ENTERED} ORDER BY r.user_id`,
        [id, from, to],
      )) {
        if (userId !== user) flush();
        user = userId;
        for (const nodeId of Object.keys(visitsOf(state))) steps.add(nodeId);
      }
      flush();
      return [...reached].map(([nodeId, runs]) => ({ nodeId, runs }));
    },
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
    async *enteredRuns(id, from, to, goalEvent, windowMs) {
      const rows = cursorRows<[string, number, number, number | null, string]>(
        client,
        `SELECT r.user_id, r.version, r.entered_at,
           (SELECT MIN(e.ts) FROM events e WHERE e.user_id = r.user_id AND e.name = $4
              AND e.ts >= r.entered_at AND e.ts <= r.entered_at + $5),
           r.state
         FROM runs r WHERE ${ENTERED}`,
        [id, from, to, goalEvent, windowMs],
      );
      for await (const [userId, version, enteredAt, goalAt, state] of rows) {
        yield [userId, version, enteredAt, goalAt, JSON.stringify(visitsOf(state))] satisfies EnteredRunRow;
      }
    },
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
    // The period's users' traits, read once, each trait looked at here (see extract): a JSON null
    // is missing too, as SQLite's json_extract gives it.
    async traitGaps(from, to, traits) {
      let users = 0;
      const missing = traits.map(() => 0);
      for await (const [text] of cursorRows<[string]>(
        client,
        'SELECT p.traits FROM profiles p WHERE p.user_id IN (SELECT user_id FROM events WHERE ts >= $1 AND ts < $2)',
        [from, to],
      )) {
        users++;
        const all = objectOf(text);
        traits.forEach((trait, i) => {
          if (asExtracted(all?.[trait]) === null) missing[i] = (missing[i] ?? 0) + 1;
        });
      }
      return { users, missing };
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
