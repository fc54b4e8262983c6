import type { Migration } from '../migrate';

/**
 * Outbox rows whose message was handed to the SMTP server (all but the final `.` written) and
 * whose reply has not been recorded yet. A row still listed at startup was interrupted by a crash
 * after the server could have accepted it: it counts as sent, so it is never delivered twice.
 * NEVER edit this text once released: add `005_….ts` instead.
 */
export const mailHandoffsMigration: Migration = {
  id: 4,
  name: 'mail_handoffs',
  sql: `
CREATE TABLE outbox_handoffs (
  outbox_id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL
) STRICT;
`,
};
