import type { Migration } from '../../migrate';
import { pgSchemaMigration } from './001_schema';
import { pgUserHeadsMigration } from './002_user_heads';
import { pgOutboxClaimsMigration } from './003_outbox_claims';
import { pgQueuesMigration } from './004_queues';

/** PostgreSQL's migrations, in order (see ../migrate.ts). Append only; never edit a released one. */
export const pgMigrations: readonly Migration[] = [
  pgSchemaMigration,
  pgUserHeadsMigration,
  pgOutboxClaimsMigration,
  pgQueuesMigration,
];
