import type { EventHealth } from '../../shared/metrics/event-health-types';
import type { JourneyResults } from '../../shared/metrics/journey-results-types';
import type { JourneyStore } from '../journeys/journey-store';
import type { ReportsRepo } from '../store';
import { buildEmailRoleIndex } from './email-role-index';
import { eventHealth } from './event-health';
import { type FunnelQuery, type FunnelResult, type Progress, runFunnelReport } from './funnel-report';
import { type JourneyQuery, journeyResults } from './journey-results';

/** A report to run, as data: it crosses to the report worker and back. */
export type ReportJob =
  | { kind: 'funnel'; query: FunnelQuery }
  | { kind: 'journey'; query: JourneyQuery }
  | { kind: 'events'; period: { from: number; to: number } };

export interface ReportAnswers {
  funnel: FunnelResult;
  journey: JourneyResults | undefined;
  events: EventHealth;
}

/** What a report reads: the reports' statements and the journeys (for email roles, goals, splits). */
export interface ReportSources {
  reports: ReportsRepo;
  journeys: JourneyStore;
}

/** Runs one report against a connection, on whichever thread holds it. */
export async function runReportJob(sources: ReportSources, job: ReportJob, onProgress?: Progress): Promise<unknown> {
  switch (job.kind) {
    case 'funnel': {
      const roles = await buildEmailRoleIndex(sources.journeys);
      return runFunnelReport(sources.reports.funnel, roles, job.query, onProgress);
    }
    case 'journey':
      return journeyResults(sources.reports.journey, sources.journeys, job.query);
    case 'events':
      return eventHealth(sources.reports.eventHealth, sources.journeys, job.period);
  }
}
