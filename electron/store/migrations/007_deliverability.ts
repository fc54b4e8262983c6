import type { Migration } from '../migrate';

/**
 * Mail that lands: addresses never to mail again (hard bounces, spam complaints, repeated soft
 * bounces), the soft bounces counted towards that rule (one row per address and UTC day), clicks
 * and opens of tracked emails for reports by journey and email, and an index to count recent sends
 * for the sending rate limit.
 * NEVER edit this text once released: add a new numbered migration instead.
 */
export const deliverabilityMigration: Migration = {
  id: 7,
  name: 'deliverability',
  sql: `
CREATE TABLE suppressions (
  address TEXT PRIMARY KEY,
  user_id TEXT,
  reason TEXT NOT NULL CHECK (reason IN ('bounced', 'complained')),
  source TEXT NOT NULL,
  detail TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX suppressions_by_time ON suppressions (at);

CREATE TABLE soft_bounces (
  address TEXT NOT NULL,
  day INTEGER NOT NULL,
  at INTEGER NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (address, day)
) STRICT;

CREATE TABLE email_clicks (
  id INTEGER PRIMARY KEY,
  outbox_id INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  journey_id TEXT NOT NULL,
  node_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('click', 'open')),
  link TEXT NOT NULL,
  prefetch TEXT,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX email_clicks_by_journey ON email_clicks (journey_id, node_id, kind);
CREATE INDEX email_clicks_by_message ON email_clicks (outbox_id);

CREATE INDEX outbox_sent_emails ON outbox (sent_at) WHERE status = 'sent' AND kind = 'email';
`,
};
