import type { Migration } from '../migrate';

/**
 * Mail out: who unsubscribed, when and how. One row per user; the sender never mails a user
 * listed here, whatever the outbox says.
 * NEVER edit this text once released: add `004_….ts` instead.
 */
export const mailMigration: Migration = {
  id: 3,
  name: 'mail',
  sql: `
CREATE TABLE unsubscribes (
  user_id TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX unsubscribes_by_time ON unsubscribes (at);
`,
};
