import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { type AnonymousRepo, createAnonymousRepo } from './anonymous-repo';
import { type CatalogRepo, createCatalogRepo } from './catalog-repo';
import { createStoreChanges, type StoreChanges } from './changes';
import { startCheckpointer } from './checkpointer';
import { type ClicksRepo, createClicksRepo } from './clicks-repo';
import { openDatabase } from './database';
import { createEventsRepo, type EventsRepo } from './events-repo';
import { createHandoffsRepo, type HandoffsRepo } from './handoffs-repo';
import { createHistoryRepo, type HistoryRepo } from './history-repo';
import { createInboxRepo, type InboxRepo } from './inbox-repo';
import { createJournalRepo, type JournalRepo } from './journal-repo';
import { createJourneysRepo, type JourneysRepo } from './journeys-repo';
import { createMetaRepo, type MetaRepo } from './meta-repo';
import { type Migration, migrate } from './migrate';
import { migrations as allMigrations } from './migrations';
import { createOutboxRepo, type OutboxRepo } from './outbox-repo';
import { describeTightened, preparePrivateFolder, tightenDatabaseFiles } from './private-folder';
import { createProfilesRepo, type ProfilesRepo } from './profiles-repo';
import { createReportsRepo, type ReportsRepo } from './reports';
import { createJourneyRetirement } from './retire-journey';
import { createRunsRepo, type RunsRepo } from './runs-repo';
import { createSkipsRepo, type SkipsRepo } from './skips-repo';
import { createSuppressionsRepo, type SuppressionsRepo } from './suppressions-repo';
import { createUnsubscribesRepo, type UnsubscribesRepo } from './unsubscribes-repo';

export interface Store {
  /** The SQLite file. */
  file: string;
  journeys: JourneysRepo;
  meta: MetaRepo;
  outbox: OutboxRepo;
  inbox: InboxRepo;
  /** Event names, properties and traits seen in stored data, for the editor's suggestions. */
  catalog: CatalogRepo;
  events: EventsRepo;
  /** Calls with only an anonymousId, until an identify or alias names their user. */
  anonymous: AnonymousRepo;
  /** Stored events user by user, for replays (backtest, forecast). */
  history: HistoryRepo;
  profiles: ProfilesRepo;
  runs: RunsRepo;
  journal: JournalRepo;
  /** Users who asked for no more email (mail out). */
  unsubscribes: UnsubscribesRepo;
  /** Emails handed to the SMTP server whose reply is not recorded yet (crash recovery of the sender). */
  handoffs: HandoffsRepo;
  /** Emails and webhooks runs did not send, and why (a journey's results). */
  skips: SkipsRepo;
  /** The reads behind the funnel, journey results and event health. */
  reports: ReportsRepo;
  /** Addresses never mailed again (bounces, complaints), and the soft bounces counted towards that. */
  suppressions: SuppressionsRepo;
  /** Clicks and opens of tracked emails, indexed for reports by journey. */
  clicks: ClicksRepo;
  /** Writes the engine does not make itself (deliveries, the dev inbox, settings), for pushes. */
  changes: StoreChanges;
  /** Files a deleted journey's rows under a retired id and cancels its queue (see retire-journey.ts). */
  retireJourney(journeyId: string, at: number): string;
  /** Runs `work` in one BEGIN IMMEDIATE transaction: takes the write lock before reading. */
  writeTransaction<T>(work: () => T, options?: { durable?: boolean }): T;
  /** Migration ids applied by this open; non-empty on first run. */
  appliedMigrations: number[];
  /** Runs `work` in one transaction (synchronous: better-sqlite3 commits when it returns). */
  transaction<T>(work: () => T): T;
  close(): void;
}

export interface OpenStoreOptions {
  nativeBinding?: string;
  now?: () => Date;
  /** Only for tests of the migration machinery. */
  migrations?: readonly Migration[];
  /** WAL checkpoints on a worker thread (see checkpointer.ts), for long-running writers. */
  backgroundCheckpoints?: boolean;
}

export const DATABASE_FILE_NAME = 'dripagent.db';

/**
 * Opens (creating if needed) the store in `dataDir` and migrates it.
 * @example const store = openStore(resolveDataDir()); store.journeys.list(); store.close();
 * @throws when a migration was edited after being applied, or the database is from a newer version
 */
export function openStore(dataDir: string, options: OpenStoreOptions = {}): Store {
  const file = join(dataDir, DATABASE_FILE_NAME);
  const privacy = preparePrivateFolder(dataDir, file);
  const now = options.now ?? (() => new Date());
  const db: BetterSqlite3.Database = openDatabase(file, { nativeBinding: options.nativeBinding });
  try {
    // WAL mode has created the -wal and -shm files by now: they must be private too.
    privacy.tightened.push(...tightenDatabaseFiles(file).tightened);
    if (privacy.tightened.length > 0) console.warn(describeTightened(privacy, dataDir));
    const appliedMigrations = migrate(db, options.migrations ?? allMigrations, now);
    const checkpointer = options.backgroundCheckpoints
      ? startCheckpointer(db, file, { nativeBinding: options.nativeBinding })
      : undefined;
    const changes = createStoreChanges(db);
    const events = createEventsRepo(db);
    // Counts that gathered during a transaction are written inside it, just before it commits, and
    // dropped when it rolls back. A nested transaction first writes the outer one's counts so far
    // (into the outer transaction, before its savepoint), so its own failure drops only its own.
    const withStats = <T>(work: () => T): (() => T) => {
      if (db.inTransaction) events.stats.flush();
      return () => {
        try {
          const result = work();
          events.stats.flush();
          return result;
        } catch (error) {
          events.stats.discard();
          throw error;
        }
      };
    };
    return {
      file,
      journeys: createJourneysRepo(db, now),
      meta: createMetaRepo(db, changes),
      outbox: createOutboxRepo(db, changes),
      inbox: createInboxRepo(db, changes),
      catalog: createCatalogRepo(db),
      events,
      anonymous: createAnonymousRepo(db),
      history: createHistoryRepo(db),
      profiles: createProfilesRepo(db),
      runs: createRunsRepo(db),
      journal: createJournalRepo(db),
      unsubscribes: createUnsubscribesRepo(db),
      handoffs: createHandoffsRepo(db),
      skips: createSkipsRepo(db),
      reports: createReportsRepo(db),
      suppressions: createSuppressionsRepo(db),
      clicks: createClicksRepo(db),
      changes,
      retireJourney: createJourneyRetirement(db),
      writeTransaction: (work, options) => {
        if (!options?.durable) return db.transaction(withStats(work)).immediate();
        // WAL with synchronous=NORMAL syncs only at checkpoints; FULL syncs the log at this commit
        // (and with it every commit before), so what the commit acknowledges survives a power loss.
        db.pragma('synchronous = FULL');
        try {
          return db.transaction(withStats(work)).immediate();
        } finally {
          db.pragma('synchronous = NORMAL');
        }
      },
      appliedMigrations,
      transaction: (work) => db.transaction(withStats(work))(),
      close: () => {
        checkpointer?.stop();
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

export type { AnonymousRepo } from './anonymous-repo';
export type { CatalogRepo } from './catalog-repo';
export type { StoreChange, StoreChanges } from './changes';
export type { ClickCount, ClicksRepo, EmailClick } from './clicks-repo';
export { resolveDataDir } from './data-dir';
export type { EventsRepo } from './events-repo';
export type { Handoff, HandoffsRepo } from './handoffs-repo';
export type { HistoryRepo, HistoryRow, UserHistory } from './history-repo';
export type { InboxMessage, InboxRepo } from './inbox-repo';
export type { JournalBatch, JournalRepo } from './journal-repo';
export type { JourneysRepo } from './journeys-repo';
export type { MetaRepo } from './meta-repo';
export type { Migration } from './migrate';
export type { NewOutboxItem, OutboxPayload, OutboxRepo, OutboxRow } from './outbox-repo';
export type { Profile, ProfilesRepo } from './profiles-repo';
export type { ReportsRepo } from './reports';
export type { DueRun, RunsRepo } from './runs-repo';
export type { SkipsRepo } from './skips-repo';
export type { Suppression, SuppressionReason, SuppressionsRepo } from './suppressions-repo';
export type { Unsubscribe, UnsubscribesRepo } from './unsubscribes-repo';
