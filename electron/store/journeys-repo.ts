import type { Database } from 'better-sqlite3';
import type { JourneyStatus, JourneySummary, JourneyVersionInfo } from '../../shared/api/journey';

/** What the store needs to save a draft: the domain layer has already validated and serialised it. */
export interface DraftInput {
  id: string;
  name: string;
  /** Canonical journey JSON. */
  json: string;
}

export interface JourneysRepo {
  list(): JourneySummary[];
  get(id: string): { summary: JourneySummary; draft: string } | undefined;
  /** Creates the journey as a draft, or replaces the draft of an existing one (its status is kept). */
  saveDraft(input: DraftInput): JourneySummary;
  /** Deletes the journey and its published versions; false when there was none. */
  delete(id: string): boolean;
  /** Snapshots the current draft as the next version; a draft journey becomes live. Undefined when absent. */
  publish(id: string): JourneyVersionInfo | undefined;
  versions(id: string): JourneyVersionInfo[];
  getVersion(id: string, version: number): (JourneyVersionInfo & { json: string }) | undefined;
  count(): number;
  /** Pauses or resumes a published journey; false when it has never been published. */
  setStatus(id: string, status: 'live' | 'paused'): boolean;
  /**
   * What the live engine depends on, in one short string: each journey's status and newest
   * version. Another process on the same data folder that publishes or pauses changes it.
   */
  liveSignature(): string;
}

interface SummaryRow {
  id: string;
  name: string;
  status: JourneyStatus;
  updated_at: string;
  latest_version: number | null;
  has_unpublished_changes: 0 | 1;
}

/**
 * Saved simulator scenarios are not journey logic: a draft that differs from the newest version
 * only in its scenarios has no unpublished changes. (Both texts are canonical JSON.)
 */
const SUMMARY_COLUMNS = `
  j.id, j.name, j.status, j.updated_at,
  (SELECT MAX(version) FROM journey_versions v WHERE v.journey_id = j.id) AS latest_version,
  COALESCE((SELECT json_remove(v.json, '$.scenarios') FROM journey_versions v WHERE v.journey_id = j.id
    ORDER BY v.version DESC LIMIT 1) IS NOT json_remove(j.draft, '$.scenarios'), 1) AS has_unpublished_changes`;

const toSummary = (row: SummaryRow): JourneySummary => ({
  id: row.id,
  name: row.name,
  status: row.status,
  updatedAt: row.updated_at,
  latestVersion: row.latest_version,
  hasUnpublishedChanges: row.has_unpublished_changes === 1,
});

/** Journeys and their immutable published versions. Every statement is prepared here, once. */
export function createJourneysRepo(db: Database, now: () => Date): JourneysRepo {
  const listStatement = db.prepare<[], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM journeys j ORDER BY j.name, j.id`);
  const getStatement = db.prepare<[string], SummaryRow & { draft: string }>(
    `SELECT ${SUMMARY_COLUMNS}, j.draft FROM journeys j WHERE j.id = ?`,
  );
  const upsertStatement = db.prepare<[string, string, string, string, string]>(
    `INSERT INTO journeys (id, name, draft, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, draft = excluded.draft, updated_at = excluded.updated_at`,
  );
  const deleteStatement = db.prepare<[string]>('DELETE FROM journeys WHERE id = ?');
  const nextVersionStatement = db.prepare<[string], { next: number }>(
    'SELECT COALESCE(MAX(version), 0) + 1 AS next FROM journey_versions WHERE journey_id = ?',
  );
  const insertVersionStatement = db.prepare<[number, string, string]>(
    'INSERT INTO journey_versions (journey_id, version, json, published_at) SELECT id, ?, draft, ? FROM journeys WHERE id = ?',
  );
  const setStatusStatement = db.prepare<[string, string]>(
    'UPDATE journeys SET status = ? WHERE id = ? AND EXISTS (SELECT 1 FROM journey_versions v WHERE v.journey_id = journeys.id)',
  );
  const goLiveStatement = db.prepare<[string]>("UPDATE journeys SET status = 'live' WHERE id = ? AND status = 'draft'");
  const versionsStatement = db.prepare<[string], { version: number; published_at: string }>(
    'SELECT version, published_at FROM journey_versions WHERE journey_id = ? ORDER BY version',
  );
  const getVersionStatement = db.prepare<[string, number], { version: number; published_at: string; json: string }>(
    'SELECT version, published_at, json FROM journey_versions WHERE journey_id = ? AND version = ?',
  );
  const countStatement = db.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM journeys');
  const signatureStatement = db
    .prepare<[], string | null>(
      `SELECT group_concat(j.id || ':' || j.status || ':' ||
         COALESCE((SELECT MAX(version) FROM journey_versions v WHERE v.journey_id = j.id), 0), ',')
       FROM (SELECT id, status FROM journeys ORDER BY id) j`,
    )
    .pluck();

  const get: JourneysRepo['get'] = (id) => {
    const row = getStatement.get(id);
    return row && { summary: toSummary(row), draft: row.draft };
  };

  const publish = db.transaction((id: string): JourneyVersionInfo | undefined => {
    const next = nextVersionStatement.get(id)?.next ?? 1;
    const publishedAt = now().toISOString();
    // The argument order follows the SELECT: version, published_at, then the WHERE id.
    const inserted = insertVersionStatement.run(next, publishedAt, id);
    if (inserted.changes === 0) return undefined;
    goLiveStatement.run(id);
    return { version: next, publishedAt };
  });

  return {
    list: () => listStatement.all().map(toSummary),
    get,
    saveDraft({ id, name, json }) {
      const stamp = now().toISOString();
      upsertStatement.run(id, name, json, stamp, stamp);
      const saved = get(id);
      if (!saved) throw new Error(`journey ${id} vanished while saving`);
      return saved.summary;
    },
    delete: (id) => deleteStatement.run(id).changes > 0,
    publish: (id) => publish(id),
    versions: (id) => versionsStatement.all(id).map((row) => ({ version: row.version, publishedAt: row.published_at })),
    getVersion(id, version) {
      const row = getVersionStatement.get(id, version);
      return row && { version: row.version, publishedAt: row.published_at, json: row.json };
    },
    count: () => countStatement.get()?.count ?? 0,
    setStatus: (id, status) => setStatusStatement.run(status, id).changes === 1,
    liveSignature: () => signatureStatement.get() ?? '',
  };
}
