import type { Migration } from '../migrate';

/**
 * Measuring: what the setup funnel, a journey's results and event health read, kept so that no
 * report has to read every stored event.
 * - `funnel_starts`: each user's first `integration_started` (by event time, then arrival), kept
 *   in the transaction that stores the event; the funnel's cohort is a range of this index.
 * - `event_days`: per event name and UTC day, events stored, duplicates dropped (same messageId),
 *   late arrivals (received more than an hour after their timestamp) and how many events carried
 *   each property (`{"integration_type": 120, …}`, at most 50 names), kept the same way.
 * - `journey_skips`: every email or webhook a run did not send, and why (holdout, unsubscribed,
 *   frequency_cap, stale…), which until now lived only inside each user's journal.
 * - indexes for a journey's runs by entry time and its outbox rows by time.
 * Existing data is counted once here (duplicates dropped before this migration were never kept).
 * NEVER edit this text once released: add `007_….ts` instead.
 */
export const metricsMigration: Migration = {
  id: 6,
  name: 'metrics',
  sql: `
CREATE TABLE funnel_starts (
  user_id TEXT PRIMARY KEY,
  first_ts INTEGER NOT NULL,
  start_seq INTEGER NOT NULL
) STRICT;
CREATE INDEX funnel_starts_by_time ON funnel_starts (first_ts, user_id);
INSERT INTO funnel_starts (user_id, first_ts, start_seq)
  SELECT e.user_id, e.ts, e.seq FROM events e
  WHERE e.type = 'track' AND e.name = 'integration_started'
    AND NOT EXISTS (
      SELECT 1 FROM events f
      WHERE f.user_id = e.user_id AND f.name = 'integration_started' AND f.type = 'track'
        AND (f.ts < e.ts OR (f.ts = e.ts AND f.seq < e.seq))
    );

CREATE TABLE event_days (
  name TEXT NOT NULL,
  day INTEGER NOT NULL,
  events INTEGER NOT NULL DEFAULT 0,
  duplicates INTEGER NOT NULL DEFAULT 0,
  late INTEGER NOT NULL DEFAULT 0,
  properties TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (name, day)
) STRICT, WITHOUT ROWID;
INSERT INTO event_days (name, day, events, duplicates, late, properties)
  SELECT c.name, c.day, c.events, 0, c.late, COALESCE(p.props, '{}') FROM
    (SELECT name, ts / 86400000 AS day, COUNT(*) AS events, SUM(received_at - ts > 3600000) AS late
     FROM events WHERE type = 'track' GROUP BY 1, 2) c
  LEFT JOIN
    (SELECT name, day, json_group_object(key, n) AS props FROM
      (SELECT e.name, e.ts / 86400000 AS day, j.key, COUNT(*) AS n FROM events e, json_each(e.body) j
       WHERE e.type = 'track' AND j.type != 'null' GROUP BY 1, 2, 3)
     GROUP BY name, day) p
  ON p.name = c.name AND p.day = c.day;

CREATE TABLE journey_skips (
  id INTEGER PRIMARY KEY,
  journey_id TEXT NOT NULL,
  node_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX journey_skips_by_time ON journey_skips (journey_id, at);

CREATE INDEX runs_by_journey_entry ON runs (journey_id, entered_at);
CREATE INDEX outbox_by_journey ON outbox (journey_id, at);
`,
};
