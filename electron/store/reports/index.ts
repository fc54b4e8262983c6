import type { Database } from 'better-sqlite3';
import { createEventHealthRows, type EventHealthRows } from './event-health-rows';
import { createFunnelRows, type FunnelRows } from './funnel-rows';
import { createJourneyRows, type JourneyRows } from './journey-rows';

/**
 * The reads behind reports (the funnel, a journey's results, event health), prepared on first use:
 * a process that never reports never prepares them. The report worker builds its own on its own
 * connection.
 */
export interface ReportsRepo {
  readonly funnel: FunnelRows;
  readonly journey: JourneyRows;
  readonly eventHealth: EventHealthRows;
}

export function createReportsRepo(db: Database): ReportsRepo {
  let funnel: FunnelRows | undefined;
  let journey: JourneyRows | undefined;
  let eventHealth: EventHealthRows | undefined;
  return {
    get eventHealth() {
      eventHealth ??= createEventHealthRows(db);
      return eventHealth;
    },
    get funnel() {
      funnel ??= createFunnelRows(db);
      return funnel;
    },
    get journey() {
      journey ??= createJourneyRows(db);
      return journey;
    },
  };
}
