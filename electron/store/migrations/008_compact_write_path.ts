import type { Migration } from '../migrate';

/**
 * A cheaper write for every step of every run (issue 17, measured with `npm run bench -- scheduler`):
 * - `runs.entry`: what a run keeps from its entry (the trigger event and the journey's variables),
 *   written once when the run starts; `runs.state` keeps only what moves at each step, as
 *   `{"n": node since, "l": last event (absent while it is the trigger), "visits": {...}}`. The
 *   other fields of a run were already columns. Existing runs are converted here.
 * - the index of runs by node holds only active runs (the live view counts those), so a run that
 *   ends leaves it instead of moving inside it.
 * - `outbox.html` / `outbox.text`: an email's rendered bodies as plain columns, so the hot path no
 *   longer escapes kilobytes of HTML into JSON; rows written before keep them in `payload`.
 * NEVER edit this text once released: add a new numbered migration instead.
 */
export const compactWritePathMigration: Migration = {
  id: 8,
  name: 'compact_write_path',
  sql: `
ALTER TABLE runs ADD COLUMN entry TEXT;
UPDATE runs SET
  entry = json_object('trigger', json(state -> '$.trigger'), 'vars', json(state -> '$.vars')),
  state = json_object('n', state ->> '$.nodeSince', 'l', json(state -> '$.lastEvent'), 'visits', json(state -> '$.visits'));
DROP INDEX runs_by_node;
CREATE INDEX runs_active_by_node ON runs (journey_id, node_id) WHERE status = 'active';

ALTER TABLE outbox ADD COLUMN html TEXT;
ALTER TABLE outbox ADD COLUMN text TEXT;
`,
};
