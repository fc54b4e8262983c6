import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../electron/engine/clock';
import { createEngine } from '../../electron/engine/engine';
import { buildEmailRoleIndex } from '../../electron/metrics/email-role-index';
import { type FunnelQuery, runFunnelReport } from '../../electron/metrics/funnel-report';
import { openStore } from '../../electron/store';
import type { UserEvent } from '../../shared/engine/types';
import { loadSeed, T0 } from '../events';

/** A real store in a temp folder with an engine on a manual clock; journeys published on request. */
export function metricsFixture(journeyIds: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'dripagent-metrics-'));
  const store = openStore(dir);
  for (const id of journeyIds) {
    const journey = loadSeed(id);
    store.journeys.saveDraft({ id: journey.id, name: journey.name, json: JSON.stringify(journey) });
    store.journeys.publish(journey.id);
  }
  const clock = new ManualClock(T0);
  const engine = createEngine({ store, clock });
  return {
    dir,
    store,
    clock,
    engine,
    /** Stores events through the live engine, as the tracking API does, received at the clock's time. */
    ingest: (events: UserEvent[]) => engine.ingest(events),
    funnel: async (query: Partial<FunnelQuery> = {}) =>
      runFunnelReport(store.reports.funnel, await buildEmailRoleIndex(store.journeys), {
        from: T0 - 30 * 86_400_000,
        to: T0 + 30 * 86_400_000,
        by: null,
        activationEvent: null,
        ...query,
      }),
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
