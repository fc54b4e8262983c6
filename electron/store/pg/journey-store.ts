import type pg from 'pg';
import type { JourneyStore } from '../../journeys/journey-store';
import { publish, SUMMARY_QUERY, type SummaryRow, saveDraft, setStatus, toSummary } from './journey-rows';

/**
 * The journey handlers' store on PostgreSQL: the same summaries and rules as SQLite's
 * JourneysRepo. Deleting goes through the engine (`retire`), which files the journey's rows under
 * a retired id and ends its runs first, as on SQLite.
 */
export function createPgJourneyStore(
  pool: pg.Pool,
  options: { now: () => Date; retire: (journeyId: string) => Promise<boolean> },
): JourneyStore & { setStatus(id: string, status: 'live' | 'paused'): Promise<boolean> } {
  const get = async (id: string) => {
    const { rows } = await pool.query<SummaryRow>(`${SUMMARY_QUERY} WHERE j.id = $1`, [id]);
    const row = rows[0];
    return row && { summary: toSummary(row), draft: row.draft };
  };
  return {
    list: async () =>
      (await pool.query<SummaryRow>(`${SUMMARY_QUERY} ORDER BY j.name, j.id COLLATE "C"`)).rows.map(toSummary),
    get,
    async saveDraft(input) {
      await saveDraft(pool, input, options.now());
      const saved = await get(input.id);
      if (!saved) throw new Error(`journey ${input.id} vanished while saving`);
      return saved.summary;
    },
    delete: (id) => options.retire(id),
    publish: (id) => publish(pool, id, options.now()),
    versions: async (id) =>
      (
        await pool.query<{ version: number; published_at: string }>(
          'SELECT version, published_at FROM journey_versions WHERE journey_id = $1 ORDER BY version',
          [id],
        )
      ).rows.map((row) => ({ version: row.version, publishedAt: row.published_at })),
    async getVersion(id, version) {
      const { rows } = await pool.query<{ version: number; published_at: string; json: string }>(
        'SELECT version, published_at, json FROM journey_versions WHERE journey_id = $1 AND version = $2',
        [id, version],
      );
      const row = rows[0];
      return row && { version: row.version, publishedAt: row.published_at, json: row.json };
    },
    setStatus: (id, status) => setStatus(pool, id, status),
  };
}
