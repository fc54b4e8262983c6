import type pg from 'pg';
import type { GlobalCap } from '../../shared/api/engine';
import { ApiHandlerError } from '../../shared/api/errors';
import type { EventBus } from '../api/events';
import { type HandlerRegistry, registerAll } from '../api/registry';
import type { PgEngine } from '../engine/pg-engine';
import type { SendingLimitsView } from '../engine/sending-limits';
import type { JourneyStore } from '../journeys/journey-store';

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

/** Above this many rows (the planner's estimate), a table's size is the estimate, not a COUNT(*). */
const EXACT_BELOW = 100_000;

/**
 * The engine handlers a PostgreSQL engine answers: status, sending limits, pause and resume.
 * Status never counts a large table row by row on every call (the People and Settings views ask
 * often): above 100,000 rows the planner's estimate is close enough for "how many events".
 */
export function registerPgEngineHandlers(registry: HandlerRegistry, deps: PgEngineHandlerDeps): void {
  const { pool, engine, journeys } = deps;
  const sizeOf = async (table: 'events' | 'profiles' | 'outbox') => {
    const { rows } = await pool.query<{ estimate: number }>(
      "SELECT GREATEST(reltuples, 0)::bigint AS estimate FROM pg_class WHERE oid = to_regclass('dripagent.' || $1)",
      [table],
    );
    const estimate = rows[0]?.estimate ?? 0;
    if (estimate >= EXACT_BELOW) return estimate;
    return (await pool.query<{ n: number }>(`SELECT COUNT(*)::bigint AS n FROM ${table}`)).rows[0]?.n ?? 0;
  };
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
      const [events, profiles, rows, outbox, nextWake] = await Promise.all([
        sizeOf('events'),
        sizeOf('profiles'),
        sizeOf('outbox'),
        // Pending and failed through their partial indexes; sent is what is left of the table.
        pool.query<{ pending: number; failed: number }>(
          `SELECT (SELECT COUNT(*) FROM outbox WHERE status = 'pending')::bigint AS pending,
             (SELECT COUNT(*) FROM outbox WHERE status = 'failed')::bigint AS failed`,
        ),
        engine.nextWake(),
      ]);
      const { pending, failed } = outbox.rows[0] ?? { pending: 0, failed: 0 };
      const counts = { pending, failed, sent: Math.max(0, rows - pending - failed) };
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
