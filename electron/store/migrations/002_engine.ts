import type { Migration } from '../migrate';

/**
 * The live engine: stored events, profiles, runs with their wake-ups, the outbox of effects,
 * the journal of decisions and outcomes, and the dev inbox.
 * NEVER edit this text once released: add `003_….ts` instead.
 */
export const engineMigration: Migration = {
  id: 2,
  name: 'engine',
  sql: `
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('track', 'identify')),
  name TEXT NOT NULL,
  ts INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX events_by_user ON events (user_id, name, ts);

CREATE TABLE profiles (
  user_id TEXT PRIMARY KEY,
  traits TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL
) STRICT;

CREATE TABLE runs (
  run_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  journey_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'done')),
  node_id TEXT NOT NULL,
  wake_at INTEGER,
  entered_at INTEGER NOT NULL,
  ended_at INTEGER,
  end_reason TEXT,
  state TEXT NOT NULL
) STRICT;
CREATE INDEX runs_by_user ON runs (user_id);
CREATE INDEX runs_by_wake ON runs (wake_at) WHERE wake_at IS NOT NULL;
CREATE INDEX runs_by_node ON runs (journey_id, status, node_id);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('email', 'webhook')),
  run_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  journey_id TEXT NOT NULL,
  node_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  sent_at INTEGER,
  last_error TEXT
) STRICT;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_by_user ON outbox (user_id, at);

CREATE TABLE journal (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  entries TEXT NOT NULL
) STRICT;
CREATE INDEX journal_by_user ON journal (user_id, id);

CREATE TABLE inbox (
  id INTEGER PRIMARY KEY,
  message_id TEXT,
  mail_from TEXT NOT NULL,
  rcpt_to TEXT NOT NULL,
  subject TEXT NOT NULL,
  raw TEXT NOT NULL,
  received_at INTEGER NOT NULL
) STRICT;
CREATE INDEX inbox_by_time ON inbox (received_at);
`,
};
