import type { Migration } from '../migrate';
import { journeysMigration } from './001_journeys';
import { engineMigration } from './002_engine';
import { mailMigration } from './003_mail';
import { mailHandoffsMigration } from './004_mail_handoffs';
import { firstHourMigration } from './005_first_hour';
import { metricsMigration } from './006_metrics';
import { deliverabilityMigration } from './007_deliverability';
import { compactWritePathMigration } from './008_compact_write_path';
import { inboxOriginMigration } from './009_inbox_origin';

/** Every migration, in order. Append only: ids increase (a number reserved by parallel work may be missing for a while). */
export const migrations: readonly Migration[] = [
  journeysMigration,
  engineMigration,
  mailMigration,
  mailHandoffsMigration,
  firstHourMigration,
  metricsMigration,
  deliverabilityMigration,
  compactWritePathMigration,
  inboxOriginMigration,
];
