import type { Migration } from '../migrate';

/**
 * Where a dev inbox message came from (the journey, step and person of its outbox row), so the
 * inbox can show it and filter by journey or person. Test sends and outside mail have none. No
 * index: the dev inbox holds a developer's test mail, and its filters combine freely.
 * NEVER edit this text once released: add a new numbered migration instead.
 */
export const inboxOriginMigration: Migration = {
  id: 9,
  name: 'inbox_origin',
  sql: `
ALTER TABLE inbox ADD COLUMN journey_id TEXT;
ALTER TABLE inbox ADD COLUMN node_id TEXT;
ALTER TABLE inbox ADD COLUMN user_id TEXT;
`,
};
