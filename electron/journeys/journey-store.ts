import type { JourneySummary, JourneyVersionInfo } from '../../shared/api/journey';
import type { Awaitable } from '../store/awaitable';
import type { DraftInput } from '../store/journeys-repo';

/**
 * Journeys as the journey handlers read and write them, on either store: SQLite's JourneysRepo
 * answers at once, PostgreSQL's (store/pg/journey-store.ts) with promises.
 */
export interface JourneyStore {
  list(): Awaitable<JourneySummary[]>;
  get(id: string): Awaitable<{ summary: JourneySummary; draft: string } | undefined>;
  saveDraft(input: DraftInput): Awaitable<JourneySummary>;
  delete(id: string): Awaitable<boolean>;
  publish(id: string): Awaitable<JourneyVersionInfo | undefined>;
  versions(id: string): Awaitable<JourneyVersionInfo[]>;
  getVersion(id: string, version: number): Awaitable<(JourneyVersionInfo & { json: string }) | undefined>;
}
