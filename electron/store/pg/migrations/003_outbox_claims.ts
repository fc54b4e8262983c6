import type { Migration } from '../../migrate';

/**
 * Several senders on one database: a sender claims the due rows it will deliver (`claimed_by`,
 * until `claim_until`, milliseconds on the database's clock), so no other sender takes them
 * meanwhile. A claim lasts longer than an SMTP conversation can (the socket timeout); a sender
 * whose claim ran out, or was taken over, abandons the message before its final `.`.
 * NEVER edit this text once released: add a new numbered migration instead.
 */
export const pgOutboxClaimsMigration: Migration = {
  id: 3,
  name: 'outbox_claims',
  sql: `
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claim_until BIGINT;
`,
};
