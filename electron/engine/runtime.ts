import type { ApiEventPayload } from '../../shared/api/events';
import type { EventBus } from '../api/events';
import type { Route } from '../api/http/router';
import { startPushes } from '../api/pushes';
import type { HandlerRegistry } from '../api/registry';
import type { Store } from '../store';
import { type Clock, systemClock } from './clock';
import { createEngine, type Engine } from './engine';
import { registerEngineHandlers } from './handlers';
import { ingestRoutes } from './ingest-route';
import { createScheduler, type Scheduler } from './scheduler';
import { createSendingLimits } from './sending-limits';
import { resolveWriteKey } from './write-key';

export interface EngineRuntimeOptions {
  store: Store;
  registry: HandlerRegistry;
  events: EventBus;
  clock?: Clock;
  /** False in tests that drive time by hand. */
  startScheduler?: boolean;
  /** DRIPAGENT_FREQUENCY_CAP…; `process.env` by default. */
  env?: Record<string, string | undefined>;
}

/** The engine with its scheduler, its HTTP ingestion routes and its API handlers, as one unit. */
export interface EngineRuntime {
  engine: Engine;
  scheduler: Scheduler;
  clock: Clock;
  writeKey(): { key: string; fromEnv: boolean };
  /** Routes for the HTTP host (Segment-compatible ingestion). */
  routes(): Route[];
  /** The URL where this host receives events, once it listens. */
  setPublicUrl(url: string): void;
  publicUrl(): string | null;
  /** Listeners woken when new outbox rows are committed (the sender). */
  onOutbox(listener: () => void): () => void;
  close(): void;
}

export const SYNC_ENV = 'DRIPAGENT_SYNC';

/**
 * DRIPAGENT_SYNC=full: the tracking API answers only once the events are synced to disk (about a
 * quarter fewer events per second here). Default `normal`: SQLite's WAL is synced by each
 * background checkpoint (every 100 ms), so a power loss can lose events acknowledged just before.
 * @throws naming the variable when it is neither `full` nor `normal`
 */
export function durableAcknowledgements(env: Record<string, string | undefined>): boolean {
  const value = env[SYNC_ENV]?.trim().toLowerCase() || 'normal';
  if (value !== 'full' && value !== 'normal') {
    throw new Error(`${SYNC_ENV}="${env[SYNC_ENV]}" must be "full" or "normal"`);
  }
  return value === 'full';
}

export function createEngineRuntime(options: EngineRuntimeOptions): EngineRuntime {
  const { store, registry, events } = options;
  const clock = options.clock ?? systemClock;
  const outboxListeners = new Set<() => void>();
  let publicUrl: string | null = null;
  let scheduler: Scheduler | undefined;
  // Open windows hear what the engine and the sender changed, instead of polling for it.
  const pushes = startPushes(events, store.changes);
  const engine = createEngine({
    store,
    clock,
    onOutbox: () => {
      for (const listener of outboxListeners) listener();
    },
    onWakeupsChanged: () => scheduler?.arm(),
    onChanged: (touched) => pushes.engineChanged(touched),
  });
  const limits = createSendingLimits(store.meta, options.env);
  const durable = durableAcknowledgements(options.env ?? process.env);
  engine.setConfig({ globalCap: limits.get().globalCap });
  scheduler = createScheduler(engine, clock);
  const writeKey = () => resolveWriteKey(store);
  writeKey();
  // Only a change to what runs (publish, pause, resume, deleting a published journey) reloads the
  // live journeys: a draft autosave changes nothing the engine runs.
  const unsubscribe = events.subscribe((event, payload) => {
    if (event === 'journeys.changed' && (payload as ApiEventPayload<'journeys.changed'>).scope === 'live') {
      engine.journeysChanged();
      scheduler?.arm();
    }
  });
  registerEngineHandlers(registry, {
    store,
    engine,
    events,
    writeKey,
    eventsUrl: () => publicUrl,
    limits,
  });
  if (options.startScheduler !== false) scheduler.start();
  return {
    engine,
    scheduler,
    clock,
    writeKey,
    routes: () => ingestRoutes({ engine, clock, writeKey: () => writeKey().key, durable }),
    setPublicUrl: (url) => {
      publicUrl = url;
    },
    publicUrl: () => publicUrl,
    onOutbox: (listener) => {
      outboxListeners.add(listener);
      return () => outboxListeners.delete(listener);
    },
    close: () => {
      scheduler?.stop();
      pushes.close();
      unsubscribe();
    },
  };
}
