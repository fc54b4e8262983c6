import type pg from 'pg';
import type { Journey } from '../../shared/journey/schema';
import { canonicalJourneyText } from '../journeys/canonical';
import { saveDraft } from '../store/pg/journey-rows';
import { SHARED_META_LOCK } from '../store/pg/shared-meta';
import { inTransaction } from '../store/pg/transaction';

const INSTALLED_KEY = 'bundled_journeys_installed';

/**
 * Installs the example journeys as drafts once per database, as SQLite's installBundledJourneys
 * does per data folder: under the shared-settings advisory lock, so engines started together
 * install them once, and remembered in app_meta, so journeys a team deleted do not come back.
 * @returns the ids installed now (none after the first start)
 */
export async function installBundledOnce(pool: pg.Pool, journeys: readonly Journey[], at: Date): Promise<string[]> {
  return inTransaction(pool, async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [SHARED_META_LOCK]);
    const done = await sql.query('SELECT 1 FROM app_meta WHERE key = $1', [INSTALLED_KEY]);
    if (done.rowCount) return [];
    const installed: string[] = [];
    for (const journey of journeys) {
      const exists = await sql.query('SELECT 1 FROM journeys WHERE id = $1', [journey.id]);
      if (exists.rowCount) continue;
      await saveDraft(sql, { id: journey.id, name: journey.name, json: canonicalJourneyText(journey) }, at);
      installed.push(journey.id);
    }
    await sql.query('INSERT INTO app_meta (key, value) VALUES ($1, $2)', [INSTALLED_KEY, at.toISOString()]);
    return installed;
  });
}
