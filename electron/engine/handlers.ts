import { ApiHandlerError } from '../../shared/api/errors';
import type { EventBus } from '../api/events';
import { type HandlerRegistry, registerAll } from '../api/registry';
import type { Store } from '../store';
import type { Engine } from './engine';
import type { SendingLimits } from './sending-limits';
import { traceUser } from './trace';

export interface EngineHandlerDeps {
  store: Store;
  engine: Engine;
  events: EventBus;
  writeKey: () => { key: string; fromEnv: boolean };
  eventsUrl: () => string | null;
  limits: SendingLimits;
}

/** engine.*, runs.*, users.*, user.trace, and journey pause/resume. */
export function registerEngineHandlers(registry: HandlerRegistry, deps: EngineHandlerDeps): void {
  const { store, engine } = deps;
  const setStatus = (id: string, status: 'live' | 'paused') => {
    if (!store.journeys.get(id)) throw new ApiHandlerError('not_found', `There is no journey "${id}"`);
    const changed = store.journeys.setStatus(id, status);
    if (!changed) throw new ApiHandlerError('conflict', `Journey "${id}" has never been published: publish it first`);
    // The runtime hears this too: it reloads the live journeys and re-arms the scheduler.
    deps.events.emit('journeys.changed', { id, scope: 'live', summary: store.journeys.get(id)?.summary ?? null });
    return true;
  };
  registerAll(registry, {
    'engine.status': () => {
      const counts = store.outbox.counts();
      const key = deps.writeKey();
      return {
        writeKey: key.key,
        writeKeyFromEnv: key.fromEnv,
        eventsUrl: deps.eventsUrl(),
        counts: { events: store.events.count(), profiles: store.profiles.count(), ...counts },
        nextWake: engine.nextWake(),
      };
    },
    'engine.limits.get': () => deps.limits.get(),
    'engine.limits.save': ({ globalCap }) => {
      if (deps.limits.get().fromEnv) {
        throw new ApiHandlerError('conflict', 'The cap is set by DRIPAGENT_FREQUENCY_CAP: change it there');
      }
      const saved = deps.limits.save(globalCap);
      engine.setConfig({ globalCap: saved.globalCap });
      return saved;
    },
    'journey.pause': ({ id }) => ({ paused: setStatus(id, 'paused') }),
    'journey.resume': ({ id }) => ({ resumed: setStatus(id, 'live') }),
    'runs.overview': ({ journeyId }) => {
      const totals = store.runs.countsByJourney().find((c) => c.journeyId === journeyId);
      return {
        nodes: store.runs.countsByNode(journeyId),
        active: totals?.active ?? 0,
        done: totals?.done ?? 0,
        webhooks: store.outbox.troubles(journeyId, 'webhook'),
      };
    },
    'runs.usersAt': ({ journeyId, nodeId, limit }) => ({
      users: store.runs
        .usersAt(journeyId, nodeId, limit)
        .map((user) => ({ ...user, traits: store.profiles.get(user.userId)?.traits ?? {} })),
    }),
    'users.search': ({ query, limit }) => ({
      users: store.profiles
        .search(query, limit)
        .map((p) => ({ userId: p.userId, traits: p.traits, lastSeen: p.lastSeen })),
    }),
    'users.lastEvent': ({ userId, event }) => {
      const found = store.events.lastOf(userId, event);
      return { event: found ? { timestamp: found.timestamp, properties: found.properties } : null };
    },
    'user.trace': ({ userId }) => traceUser(store, userId),
  });
}
