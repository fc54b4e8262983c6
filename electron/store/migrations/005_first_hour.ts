import type { Migration } from '../migrate';

/**
 * Outbox rows in trouble (given up, or retried at least once), by journey: the editor counts a
 * live journey's failing webhooks from this small index. Rows that go out at the first attempt
 * never enter it, so sending costs nothing more.
 *
 * Calls that name no user, only Segment's anonymousId: kept here until an identify (or alias)
 * with that anonymousId names the user, then moved into `events` as that user's history.
 * NEVER edit this text once released: add `006_….ts` instead.
 */
export const firstHourMigration: Migration = {
  id: 5,
  name: 'first_hour',
  sql: `
CREATE INDEX outbox_troubled ON outbox (journey_id, kind) WHERE status = 'failed' OR attempts > 0;

CREATE TABLE anonymous_events (
  seq INTEGER PRIMARY KEY,
  anonymous_id TEXT NOT NULL,
  message_id TEXT NOT NULL UNIQUE,
  received_at INTEGER NOT NULL,
  event TEXT NOT NULL
) STRICT;
CREATE INDEX anonymous_events_by_id ON anonymous_events (anonymous_id);
`,
};
