import type { Database } from 'better-sqlite3';
import type { Awaitable, RowStream } from '../awaitable';

/** A run that entered in the period: who, on which version, when, when it reached the goal (if it did), its visits. */
export type EnteredRunRow = [userId: string, version: number, enteredAt: number, goalAt: number | null, visits: string];

/**
 * A journey's results, read with its indexes: runs by entry time (runs_by_journey_entry), its
 * outbox rows and skips by time (outbox_by_journey, journey_skips_by_time), the goal from each
 * user's events (events_by_user).
 */
export type RunStatusRow = { status: string; endReason: string | null; runs: number };
export type NodeReachRow = { nodeId: string; runs: number };
export type MessageCountRow = { nodeId: string; kind: 'email' | 'webhook'; status: string; count: number };
export type SkipCountRow = { nodeId: string; reason: string; count: number; users: number };
export type ConversionRow = { nodeId: string; recipients: number; converted: number };
export type ClickerRow = { nodeId: string; kind: 'click' | 'open'; people: number };

export interface JourneyRows {
  runStatuses(journeyId: string, from: number, to: number): Awaitable<RunStatusRow[]>;
  nodeReach(journeyId: string, from: number, to: number): Awaitable<NodeReachRow[]>;
  messages(journeyId: string, from: number, to: number): Awaitable<MessageCountRow[]>;
  skips(journeyId: string, from: number, to: number): Awaitable<SkipCountRow[]>;
  skippedUsers(journeyId: string, from: number, to: number): Awaitable<{ reason: string; users: number }[]>;
  /** Per email node: users delivered one in the period (first delivery counts), and how many reached the goal within the window after it. */
  emailConversion(
    journeyId: string,
    from: number,
    to: number,
    goalEvent: string,
    windowMs: number,
  ): Awaitable<ConversionRow[]>;
  /** Clicks (and pixel opens) of the journey's emails in the period, per step and link; people exclude machine fetches. */
  clicks(journeyId: string, from: number, to: number): Awaitable<ClickRow[]>;
  /** Distinct people per step who clicked any link (or opened), machine fetches excluded. */
  clickers(journeyId: string, from: number, to: number): Awaitable<ClickerRow[]>;
  enteredRuns(
    journeyId: string,
    from: number,
    to: number,
    goalEvent: string,
    windowMs: number,
  ): RowStream<EnteredRunRow>;
}

export interface ClickRow {
  nodeId: string;
  kind: 'click' | 'open';
  link: string;
  clicks: number;
  people: number;
  prefetches: number;
}

const ENTERED = 'journey_id = ? AND entered_at >= ? AND entered_at < ?';

export function createJourneyRows(db: Database): JourneyRows {
  const statuses = db.prepare<[string, number, number], { status: string; end_reason: string | null; n: number }>(
    `SELECT status, end_reason, COUNT(*) AS n FROM runs WHERE ${ENTERED} GROUP BY status, end_reason`,
  );
  const reach = db.prepare<[string, number, number], { node_id: string; n: number }>(
    `SELECT v.key AS node_id, COUNT(DISTINCT r.user_id) AS n FROM runs r, json_each(r.state, '$.visits') v
     WHERE r.${ENTERED.replaceAll(' AND ', ' AND r.')} GROUP BY v.key`,
  );
  const messages = db.prepare<
    [string, number, number],
    { node_id: string; kind: 'email' | 'webhook'; status: string; n: number }
  >(
    `SELECT node_id, kind, status, COUNT(*) AS n FROM outbox WHERE journey_id = ? AND at >= ? AND at < ?
     GROUP BY node_id, kind, status`,
  );
  const skips = db.prepare<[string, number, number], { node_id: string; reason: string; n: number; users: number }>(
    `SELECT node_id, reason, COUNT(*) AS n, COUNT(DISTINCT user_id) AS users FROM journey_skips
     WHERE journey_id = ? AND at >= ? AND at < ? GROUP BY node_id, reason`,
  );
  const skippedUsers = db.prepare<[string, number, number], { reason: string; users: number }>(
    `SELECT reason, COUNT(DISTINCT user_id) AS users FROM journey_skips
     WHERE journey_id = ? AND at >= ? AND at < ? GROUP BY reason`,
  );
  const conversion = db.prepare<
    [string, number, string, number, number],
    { node_id: string; recipients: number; converted: number }
  >(
    `SELECT o.node_id, COUNT(*) AS recipients,
       SUM(EXISTS (SELECT 1 FROM events e WHERE e.user_id = o.user_id AND e.name = ?
                   AND e.ts >= o.first_at AND e.ts <= o.first_at + ?)) AS converted
     FROM (SELECT node_id, user_id, MIN(at) AS first_at FROM outbox
           WHERE journey_id = ? AND kind = 'email' AND status = 'sent' AND at >= ? AND at < ?
           GROUP BY node_id, user_id) o
     GROUP BY o.node_id`,
  );
  // email_clicks_by_journey (journey_id, node_id, kind) narrows to the journey; the period filters within it.
  const clicks = db.prepare<[string, number, number], ClickRow>(
    `SELECT node_id AS nodeId, kind, link, SUM(prefetch IS NULL) AS clicks,
            COUNT(DISTINCT CASE WHEN prefetch IS NULL THEN user_id END) AS people,
            SUM(prefetch IS NOT NULL) AS prefetches
     FROM email_clicks WHERE journey_id = ? AND at >= ? AND at < ?
     GROUP BY node_id, kind, link ORDER BY node_id, kind, clicks DESC, link`,
  );
  const clickers = db.prepare<[string, number, number], { nodeId: string; kind: 'click' | 'open'; people: number }>(
    `SELECT node_id AS nodeId, kind, COUNT(DISTINCT user_id) AS people
     FROM email_clicks WHERE journey_id = ? AND at >= ? AND at < ? AND prefetch IS NULL
     GROUP BY node_id, kind`,
  );
  const entered = db
    .prepare<[string, number, string, number, number], EnteredRunRow>(
      `SELECT r.user_id, r.version, r.entered_at,
         (SELECT MIN(e.ts) FROM events e WHERE e.user_id = r.user_id AND e.name = ?
            AND e.ts >= r.entered_at AND e.ts <= r.entered_at + ?),
         json_extract(r.state, '$.visits')
       FROM runs r WHERE r.${ENTERED.replaceAll(' AND ', ' AND r.')}`,
    )
    .raw();
  return {
    runStatuses: (id, from, to) =>
      statuses.all(id, from, to).map((r) => ({ status: r.status, endReason: r.end_reason, runs: r.n })),
    nodeReach: (id, from, to) => reach.all(id, from, to).map((r) => ({ nodeId: r.node_id, runs: r.n })),
    messages: (id, from, to) =>
      messages.all(id, from, to).map((r) => ({ nodeId: r.node_id, kind: r.kind, status: r.status, count: r.n })),
    skips: (id, from, to) =>
      skips.all(id, from, to).map((r) => ({ nodeId: r.node_id, reason: r.reason, count: r.n, users: r.users })),
    skippedUsers: (id, from, to) => skippedUsers.all(id, from, to),
    emailConversion: (id, from, to, goalEvent, windowMs) =>
      conversion
        .all(goalEvent, windowMs, id, from, to)
        .map((r) => ({ nodeId: r.node_id, recipients: r.recipients, converted: r.converted })),
    clicks: (id, from, to) => clicks.all(id, from, to),
    clickers: (id, from, to) => clickers.all(id, from, to),
    enteredRuns: (id, from, to, goalEvent, windowMs) => entered.iterate(goalEvent, windowMs, id, from, to),
  };
}
