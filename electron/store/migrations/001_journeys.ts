import type { Migration } from '../migrate';

/**
 * Journeys: one editable draft per journey plus immutable published versions.
 * NEVER edit this text once released: startup refuses a migration whose hash changed.
 * Add `002_….ts` instead.
 */
export const journeysMigration: Migration = {
  id: 1,
  name: 'journeys',
  sql: `
CREATE TABLE journeys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'live', 'paused')),
  draft TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE journey_versions (
  journey_id TEXT NOT NULL REFERENCES journeys (id) ON DELETE CASCADE,
  version INTEGER NOT NULL CHECK (version >= 1),
  json TEXT NOT NULL,
  published_at TEXT NOT NULL,
  PRIMARY KEY (journey_id, version)
) STRICT;

CREATE TRIGGER journey_versions_are_immutable BEFORE UPDATE ON journey_versions
BEGIN
  SELECT RAISE(ABORT, 'published journey versions are immutable');
END;

CREATE TABLE app_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`,
};
