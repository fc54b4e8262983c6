import type { Migration } from '../migrate';

/**
 * Outbox rows in trouble (given up, or retried at least once), by journey: the editor counts a
 * live journey's failing webhooks from this small index. Rows that go out at the first attempt
 * never enter it, so sending costs nothing more.
 * NEVER edit this text once released: add `006_….ts` instead.
 */
export const firstHourMigration: Migration = {
  id: 5,
  name: 'first_hour',
  sql: `
CREATE INDEX outbox_troubled ON outbox (journey_id, kind) WHERE status = 'failed' OR attempts > 0;
`,
};
