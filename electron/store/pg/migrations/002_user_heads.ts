import type { Migration } from '../../migrate';

/**
 * One head row per user: engines lock it (`SELECT … FOR UPDATE`, in user order) before loading and
 * changing that user's rows, so one user's events and wake-ups are decided one at a time across
 * engines. Its version grows with every write to the user; an engine's cached state is used only
 * while the version it read is still the head's. `wake_at` is the user's earliest pending wake-up:
 * schedulers claim due users from it with `FOR UPDATE SKIP LOCKED`, so two never take one user.
 * NEVER edit this text once released: add a new numbered migration instead.
 */
export const pgUserHeadsMigration: Migration = {
  id: 2,
  name: 'user_heads',
  sql: `
CREATE TABLE user_heads (
  user_id TEXT PRIMARY KEY,
  version BIGINT NOT NULL DEFAULT 0,
  wake_at BIGINT
);
CREATE INDEX user_heads_by_wake ON user_heads (wake_at) WHERE wake_at IS NOT NULL;
`,
};
