import type { Migration } from '../migrate';
import { journeysMigration } from './001_journeys';
import { engineMigration } from './002_engine';
import { mailMigration } from './003_mail';
import { mailHandoffsMigration } from './004_mail_handoffs';
import { firstHourMigration } from './005_first_hour';

/** Every migration, in order. Append only: ids are 1, 2, 3… without gaps. */
export const migrations: readonly Migration[] = [
  journeysMigration,
  engineMigration,
  mailMigration,
  mailHandoffsMigration,
  firstHourMigration,
];
