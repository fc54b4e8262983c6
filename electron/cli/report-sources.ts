import { activationEventOf } from '../metrics/metrics-settings';
import type { ReportSources } from '../metrics/report-jobs';
import { inSnapshot } from '../store/pg/cursor';
import { createPgJourneyStore } from '../store/pg/journey-store';
import { createPgReportsRepo } from '../store/pg/report-rows';
import { withSharedMeta } from '../store/pg/shared-meta';
import { lastFlag } from './command';
import { openExistingStore } from './existing-store';
import { commandDatabase, connectPostgres } from './postgres-target';

/** What a report command reads, wherever the data is, and the activation event chosen in the app. */
export interface ReportContext {
  sources: ReportSources;
  activationEvent: string | null;
}

/**
 * Runs a report command's `work` on the data it was given: the data folder (`--data`), or the
 * PostgreSQL database of `--database-url` / DRIPAGENT_DATABASE_URL, read in one snapshot.
 */
export async function withReportSources<T>(
  flags: Record<string, string[]>,
  work: (context: ReportContext) => Promise<T>,
): Promise<T> {
  const database = commandDatabase(lastFlag(flags, 'database-url'));
  if (database.kind === 'postgres') {
    const { pool } = await connectPostgres(database.url, { migrate: false });
    try {
      const activationEvent = await withSharedMeta(pool, activationEventOf);
      const journeys = createPgJourneyStore(pool, {
        now: () => new Date(),
        retire: () => Promise.reject(new Error('a report deletes nothing')),
      });
      return await inSnapshot(pool, (client) =>
        work({ sources: { reports: createPgReportsRepo(client), journeys }, activationEvent }),
      );
    } finally {
      await pool.end();
    }
  }
  const store = openExistingStore(lastFlag(flags, 'data'));
  try {
    return await work({
      sources: { reports: store.reports, journeys: store.journeys },
      activationEvent: activationEventOf(store.meta),
    });
  } finally {
    store.close();
  }
}
