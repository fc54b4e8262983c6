import type { Database } from 'better-sqlite3';

/** Why an email or webhook still queued when its journey was deleted never went out. */
export const DELETED_JOURNEY_ERROR = 'Not sent: the journey was deleted.';

/**
 * Files a deleted journey's rows (runs, queued and sent messages, skips, clicks) under a retired
 * id such as `integration-setup~deleted~1772442000000`, and cancels what it still had queued. A
 * journey made later with the same id then starts from nothing: its counts and results are its
 * own, and nothing of the old one is sent or retried in its name. People's traces keep the rows.
 * @returns the retired id
 */
export function createJourneyRetirement(db: Database): (journeyId: string, at: number) => string {
  const cancel = db.prepare<[string, number, string]>(
    `UPDATE outbox SET status = 'failed', last_error = ?, sent_at = ? WHERE journey_id = ? AND status = 'pending'`,
  );
  const moves = ['runs', 'outbox', 'journey_skips', 'email_clicks'].map((table) =>
    db.prepare<[string, string]>(`UPDATE ${table} SET journey_id = ? WHERE journey_id = ?`),
  );
  return db.transaction((journeyId: string, at: number) => {
    const retired = `${journeyId}~deleted~${at}`;
    cancel.run(DELETED_JOURNEY_ERROR, at, journeyId);
    for (const move of moves) move.run(retired, journeyId);
    return retired;
  });
}
