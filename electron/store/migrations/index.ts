import type { Migration } from '../migrate';
import { journeysMigration } from './001_journeys';
import { engineMigration } from './002_engine';
import { mailMigration } from './003_mail';
import { mailHandoffsMigration } from './004_mail_handoffs';
import { metricsMigration } from './006_metrics';

import { deliverabilityMigration } from './007_deliverability';
import { compactWritePathMigration } from './008_compact_write_path';

/**
 * Every migration, in order. Append only: ids increase. A number reserved by parallel work may be
 * missing for a while (005 belongs to another line of work).
 */
export const migrations: readonly Migration[] = [
  journeysMigration,
  engineMigration,
  mailMigration,
  mailHandoffsMigration,
  metricsMigration,
  deliverabilityMigration,
  compactWritePathMigration,
];
