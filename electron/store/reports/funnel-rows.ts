import type { Database, Statement } from 'better-sqlite3';
import { ERROR_EVENT } from '../../../shared/metrics/funnel-types';
import type { Awaitable, RowStream } from '../awaitable';

/** A cohort user: first integration_started, sign-up time, the breakdown value. */
export type CohortRow = [userId: string, start: number, createdAt: unknown, byValue: unknown];
/** One of a cohort user's events at or after their start. */
export type CohortEventRow = [userId: string, name: string, ts: number, errorCode: unknown];
/** An email delivered to a cohort user at or after their start. */
export type CohortEmailRow = [userId: string, journeyId: string, nodeId: string, at: number];

/** What to break the cohort down by: the first start's integration_type property, or a trait. */
export type Breakdown = { kind: 'none' } | { kind: 'start_property'; name: string } | { kind: 'trait'; name: string };

/**
 * The funnel's reads. The cohort is a range of `funnel_starts_by_time`; each user's events and
 * emails come from the per-user indexes (events_by_user, outbox_by_user). All three iterate in
 * the same order (first start, then user id), so the report walks them side by side and keeps
 * one user in memory at a time.
 */
export interface FunnelRows {
  cohortSize(from: number, to: number): Awaitable<number>;
  cohort(from: number, to: number, by: Breakdown): RowStream<CohortRow>;
  cohortEvents(from: number, to: number, names: readonly string[]): RowStream<CohortEventRow>;
  cohortEmails(from: number, to: number): RowStream<CohortEmailRow>;
}

/** A JSON path to one key; names it cannot quote are refused earlier (isQuotableName). */
const jsonPath = (name: string) => `$."${name}"`;

const COHORT = 's.first_ts >= ? AND s.first_ts < ?';
/**
 * The value at a JSON path (bound twice), with true and false as text: json_extract alone gives
 * 1 and 0, so a yes/no trait would be broken down as "1" and "0".
 */
const valueAt = (json: string) =>
  `CASE json_type(${json}, ?) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE json_extract(${json}, ?) END`;
const ORDER = 'ORDER BY s.first_ts, s.user_id';

export function createFunnelRows(db: Database): FunnelRows {
  const size = db.prepare<[number, number], number>(`SELECT COUNT(*) FROM funnel_starts s WHERE ${COHORT}`).pluck();
  const cohortPlain = db
    .prepare<[number, number], CohortRow>(
      `SELECT s.user_id, s.first_ts, json_extract(p.traits, '$.createdAt'), NULL
       FROM funnel_starts s LEFT JOIN profiles p ON p.user_id = s.user_id WHERE ${COHORT} ${ORDER}`,
    )
    .raw();
  const cohortByTrait = db
    .prepare<[string, string, number, number], CohortRow>(
      `SELECT s.user_id, s.first_ts, json_extract(p.traits, '$.createdAt'), ${valueAt('p.traits')}
       FROM funnel_starts s LEFT JOIN profiles p ON p.user_id = s.user_id WHERE ${COHORT} ${ORDER}`,
    )
    .raw();
  const cohortByStart = db
    .prepare<[string, string, number, number], CohortRow>(
      `SELECT s.user_id, s.first_ts, json_extract(p.traits, '$.createdAt'), ${valueAt('st.body')}
       FROM funnel_starts s LEFT JOIN profiles p ON p.user_id = s.user_id LEFT JOIN events st ON st.seq = s.start_seq
       WHERE ${COHORT} ${ORDER}`,
    )
    .raw();
  // One statement per number of event names (the activation event may add one).
  const eventStatements = new Map<number, Statement<unknown[], CohortEventRow>>();
  const eventsStatement = (count: number) => {
    let statement = eventStatements.get(count);
    if (!statement) {
      const names = Array.from({ length: count }, () => '?').join(', ');
      statement = db
        .prepare<unknown[], CohortEventRow>(
          `SELECT s.user_id, e.name, e.ts,
             CASE WHEN e.name = '${ERROR_EVENT}' THEN json_extract(e.body, '$.error_code') END
           FROM funnel_starts s JOIN events e ON e.user_id = s.user_id AND e.name IN (${names}) AND e.ts >= s.first_ts
           WHERE ${COHORT} ${ORDER}`,
        )
        .raw();
      eventStatements.set(count, statement);
    }
    return statement;
  };
  const emails = db
    .prepare<[number, number], CohortEmailRow>(
      `SELECT s.user_id, o.journey_id, o.node_id, o.at
       FROM funnel_starts s JOIN outbox o ON o.user_id = s.user_id AND o.at >= s.first_ts
       WHERE ${COHORT} AND o.kind = 'email' AND o.status = 'sent' ${ORDER}`,
    )
    .raw();
  return {
    cohortSize: (from, to) => size.get(from, to) ?? 0,
    cohort: (from, to, by) =>
      by.kind === 'none'
        ? cohortPlain.iterate(from, to)
        : by.kind === 'trait'
          ? cohortByTrait.iterate(jsonPath(by.name), jsonPath(by.name), from, to)
          : cohortByStart.iterate(jsonPath(by.name), jsonPath(by.name), from, to),
    cohortEvents: (from, to, names) => eventsStatement(names.length).iterate(...names, from, to),
    cohortEmails: (from, to) => emails.iterate(from, to),
  };
}
