import type pg from 'pg';
import type { GlobalCap } from '../../shared/api/engine';
import { ApiHandlerError } from '../../shared/api/errors';
import type { EventBus } from '../api/events';
import { type HandlerRegistry, registerAll } from '../api/registry';
import type { PgEngine } from '../engine/pg-engine';
import type { SendingLimitsView } from '../engine/sending-limits';
import type { JourneyStore } from '../journeys/journey-store';
import { outboxCounts, tableSize } from '../store/pg/table-sizes';

export interface PgEngineHandlerDeps {
  pool: pg.Pool;
  engine: PgEngine;
  events: EventBus;
  journeys: JourneyStore & { setStatus(id: string, status: 'live' | 'paused'): Promise<boolean> };
  writeKey(): string;
  writeKeyFromEnv: boolean;
  eventsUrl(): string | null;
  limits(): SendingLimitsView;
  /** Saves the cap in the shared settings (every engine picks it up within seconds). */
  saveLimits(cap: GlobalCap): Promise<SendingLimitsView>;
}

/**
 * The engine handlers a PostgreSQL engine answers: status, sending limits, pause and resume.
 * Status never counts a large table row by row (see table-sizes.ts).
 */
export function registerPgEngineHandlers(registry: HandlerRegistry, deps: PgEngineHandlerDeps): void {
  const { pool, engine, journeys } = deps;
  const setStatus = async (id: string, status: 'live' | 'paused') => {
    if (!(await journeys.get(id))) throw new ApiHandlerError('not_found', `There is no journey "${id}"`);
    if (!(await journeys.setStatus(id, status))) {
      throw new ApiHandlerError('conflict', `Journey "${id}" has never been published: publish it first`);
    }
    // Every engine follows: this one at once (see pg-core.ts), the others at their next call or wake-up.
    deps.events.emit('journeys.changed', { id, scope: 'live', summary: (await journeys.get(id))?.summary ?? null });
    return true;
  };
  registerAll(registry, {
    'engine.status': async () => {
      const [events, profiles, counts, nextWake] = await Promise.all([
        tableSize(pool, 'events'),
        tableSize(pool, 'profiles'),
        outboxCounts(pool),
        engine.nextWake(),
      ]);
      return {
        writeKey: deps.writeKey(),
        writeKeyFromEnv: deps.writeKeyFromEnv,
        eventsUrl: deps.eventsUrl(),
        counts: { events, profiles, pending: counts.pending, sent: counts.sent, failed: counts.failed },
        nextWake,
      };
    },
    'engine.limits.get': () => deps.limits(),
    'engine.limits.save': async ({ globalCap }) => {
      if (deps.limits().fromEnv) {
        throw new ApiHandlerError('conflict', 'The cap is set by DRIPAGENT_FREQUENCY_CAP: change it there');
      }
      const saved = await deps.saveLimits(globalCap);
      engine.setConfig({ globalCap: saved.globalCap });
      return saved;
    },
    'journey.pause': async ({ id }) => ({ paused: await setStatus(id, 'paused') }),
    'journey.resume': async ({ id }) => ({ resumed: await setStatus(id, 'live') }),
  });
}
