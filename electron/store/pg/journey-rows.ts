import type pg from 'pg';
import type { JourneySummary, JourneyVersionInfo } from '../../../shared/api/journey';
import type { JourneysRepo } from '../journeys-repo';
import { DELETED_JOURNEY_ERROR } from '../retire-journey';
import type { Sql } from './user-rows';

/**
 * Journeys on PostgreSQL, as much as the engines need: what is live (a snapshot the synchronous
 * interpreter reads), the signature that tells an engine another one published or paused, and
 * the writes that change them (saving a draft, publishing, pausing).
 */

/**
 * A journey's canonical JSON without its saved scenarios, which are not journey logic (as
 * SQLite's `json_remove(…, '$.scenarios')`). Compared as text: jsonb would refuse a NUL in a template.
 */
export function withoutScenarios(json: string): string {
  const { scenarios: _scenarios, ...logic } = JSON.parse(json) as Record<string, unknown>;
  return JSON.stringify(logic);
}

export interface SummaryRow {
  id: string;
  name: string;
  status: JourneySummary['status'];
  updated_at: string;
  draft: string;
  latest_version: number | null;
  latest_json: string | null;
}

/** Each journey with its newest version's text, to tell whether the draft has unpublished changes. */
export const SUMMARY_QUERY = `
  SELECT j.id, j.name, j.status, j.updated_at, j.draft, v.version AS latest_version, v.json AS latest_json
  FROM journeys j
  LEFT JOIN LATERAL (SELECT version, json FROM journey_versions WHERE journey_id = j.id
    ORDER BY version DESC LIMIT 1) v ON true`;

export const toSummary = (row: SummaryRow): JourneySummary => ({
  id: row.id,
  name: row.name,
  status: row.status,
  updatedAt: row.updated_at,
  latestVersion: row.latest_version,
  hasUnpublishedChanges: row.latest_json === null || withoutScenarios(row.latest_json) !== withoutScenarios(row.draft),
});

/** What the live engine depends on, in one short string (as SQLite's liveSignature). */
export async function liveSignature(sql: Sql): Promise<string> {
  const { rows } = await sql.query<{ s: string | null }>(
    `SELECT string_agg(j.id || ':' || j.status || ':' ||
       COALESCE((SELECT MAX(version) FROM journey_versions v WHERE v.journey_id = j.id), 0), ',' ORDER BY j.id COLLATE "C") AS s
     FROM journeys j`,
  );
  return rows[0]?.s ?? '';
}

/**
 * Every journey and every published version, read in one transaction, as the part of
 * JourneysRepo that the live journeys read (see live-journeys.ts).
 */
export async function journeysSnapshot(
  pool: pg.Pool,
): Promise<Pick<JourneysRepo, 'list' | 'getVersion' | 'liveSignature'>> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const signature = await liveSignature(client);
    const journeys = await client.query<SummaryRow>(`${SUMMARY_QUERY} ORDER BY j.name, j.id`);
    const versions = await client.query<{ journey_id: string; version: number; json: string; published_at: string }>(
      'SELECT journey_id, version, json, published_at FROM journey_versions',
    );
    await client.query('COMMIT');
    const byKey = new Map(versions.rows.map((v) => [`${v.journey_id}@${v.version}`, v]));
    const list = journeys.rows.map(toSummary);
    return {
      list: () => list,
      getVersion: (id, version) => {
        const row = byKey.get(`${id}@${version}`);
        return row && { version: row.version, publishedAt: row.published_at, json: row.json };
      },
      liveSignature: () => signature,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Creates the journey as a draft, or replaces the draft of an existing one (its status is kept). */
export async function saveDraft(sql: Sql, input: { id: string; name: string; json: string }, at: Date): Promise<void> {
  const stamp = at.toISOString();
  await sql.query(
    `INSERT INTO journeys (id, name, draft, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, draft = excluded.draft, updated_at = excluded.updated_at`,
    [input.id, input.name, input.json, stamp],
  );
}

/** Snapshots the draft as the next version; a draft journey becomes live. Undefined when there is no such journey. */
export async function publish(pool: pg.Pool, id: string, at: Date): Promise<JourneyVersionInfo | undefined> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // The journey row, locked: two engines publishing at once make versions n and n+1.
    const journey = await client.query('SELECT id FROM journeys WHERE id = $1 FOR UPDATE', [id]);
    if (journey.rowCount === 0) {
      await client.query('ROLLBACK');
      return undefined;
    }
    const publishedAt = at.toISOString();
    const { rows } = await client.query<{ version: number }>(
      `INSERT INTO journey_versions (journey_id, version, json, published_at)
       SELECT id, (SELECT COALESCE(MAX(version), 0) + 1 FROM journey_versions WHERE journey_id = $1), draft, $2
       FROM journeys WHERE id = $1 RETURNING version`,
      [id, publishedAt],
    );
    await client.query("UPDATE journeys SET status = 'live' WHERE id = $1 AND status = 'draft'", [id]);
    await client.query('COMMIT');
    return { version: rows[0]?.version as number, publishedAt };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Pauses or resumes a published journey; false when it has never been published. */
export async function setStatus(sql: Sql, id: string, status: 'live' | 'paused'): Promise<boolean> {
  const result = await sql.query(
    `UPDATE journeys SET status = $1 WHERE id = $2
       AND EXISTS (SELECT 1 FROM journey_versions v WHERE v.journey_id = journeys.id)`,
    [status, id],
  );
  return result.rowCount === 1;
}

/**
 * Files a deleted journey's rows under a retired id and cancels what it still had queued, as
 * SQLite's retirement does (see retire-journey.ts), then deletes the journey and its versions.
 * The heads of the people it touched move on, so no engine keeps their runs cached under the old id.
 * @returns the retired id, and whether there was such a journey
 */
export async function retireAndDelete(
  sql: Sql,
  journeyId: string,
  at: number,
): Promise<{ retired: string; deleted: boolean }> {
  const retired = `${journeyId}~deleted~${at}`;
  await sql.query(
    `UPDATE user_heads SET version = version + 1
     WHERE user_id IN (SELECT DISTINCT user_id FROM runs WHERE journey_id = $1)`,
    [journeyId],
  );
  await sql.query(
    `UPDATE outbox SET status = 'failed', last_error = $1, sent_at = $2 WHERE journey_id = $3 AND status = 'pending'`,
    [DELETED_JOURNEY_ERROR, at, journeyId],
  );
  for (const table of ['runs', 'outbox', 'journey_skips', 'email_clicks']) {
    await sql.query(`UPDATE ${table} SET journey_id = $1 WHERE journey_id = $2`, [retired, journeyId]);
  }
  const deleted = await sql.query('DELETE FROM journeys WHERE id = $1', [journeyId]);
  return { retired, deleted: deleted.rowCount === 1 };
}
