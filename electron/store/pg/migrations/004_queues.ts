import type { Migration } from '../../migrate';

/**
 * The two tables engines use as queues (due emails and webhooks, due wake-ups), tuned as queues:
 * due rows are indexed by kind in the order they are claimed (due time, then id), so a claim reads
 * its few rows instead of sorting every due row of both kinds (measured: thousands per claim while
 * a cluster has a backlog to send); and since
 * each row is claimed and then finished (each time leaving a dead entry in the due index that a
 * claim must step over), they are vacuumed after 2% of their rows changed instead of 20%, without
 * pauses, and pages keep room for a claim's update to stay on its page. NEVER edit this text once
 * released: add a new numbered migration instead.
 */
export const pgQueuesMigration: Migration = {
  id: 4,
  name: 'queues',
  sql: `
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (kind, next_attempt_at, id) WHERE status = 'pending';
ALTER TABLE outbox SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02,
  autovacuum_vacuum_threshold = 500, autovacuum_vacuum_cost_delay = 0);
ALTER TABLE user_heads SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02,
  autovacuum_vacuum_threshold = 500, autovacuum_vacuum_cost_delay = 0);
`,
};
