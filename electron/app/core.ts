import { join } from 'node:path';
import packageJson from '../../package.json';
import type { AppInfo } from '../../shared/api/app';
import { createEventBus, type EventBus } from '../api/events';
import { createHandlerRegistry, type HandlerRegistry } from '../api/registry';
import type { Clock } from '../engine/clock';
import { createEngineRuntime, type EngineRuntime } from '../engine/runtime';
import { installBundledJourneys } from '../journeys/bundled';
import { registerJourneyHandlers } from '../journeys/handlers';
import { openStore, type Store } from '../store';
import { registerAppHandlers } from './info-handlers';

export interface AppCoreOptions {
  dataDir: string;
  /** The repository's (or packaged app's) `resources/` folder, holding the example journeys. */
  resourcesDir: string;
  host: AppInfo['host'];
  /** An Electron-ABI better_sqlite3.node, when running inside Electron. */
  nativeBinding?: string;
  now?: () => Date;
  /** The engine's clock (tests inject a manual one). */
  clock?: Clock;
  /** False to drive wake-ups by hand (tests). */
  startScheduler?: boolean;
}

/** The engine behind both shells: one store, one handler table, one push bus. */
export interface AppCore {
  dataDir: string;
  store: Store;
  registry: HandlerRegistry;
  events: EventBus;
  /** The live engine: ingestion, scheduler, engine handlers. */
  runtime: EngineRuntime;
  close(): void;
}

/**
 * Builds the engine. The desktop app and `dripagent serve` both call this, so they cannot drift.
 * @example const core = createAppCore({ dataDir, resourcesDir, host: 'server' }); ...; core.close();
 * @throws when the database cannot be opened or migrated (e.g. an edited migration)
 */
export function createAppCore(options: AppCoreOptions): AppCore {
  const now = options.now ?? (() => new Date());
  const store = openStore(options.dataDir, { nativeBinding: options.nativeBinding, now });
  try {
    const report = installBundledJourneys(store, join(options.resourcesDir, 'journeys'));
    for (const { file, reason } of report.skipped) console.warn(`Example journey ${file} was not installed: ${reason}`);

    const events = createEventBus();
    const registry = createHandlerRegistry();
    registerAppHandlers(registry, {
      name: 'DripAgent',
      version: packageJson.version,
      host: options.host,
      dataDir: options.dataDir,
      startedAt: now().toISOString(),
    });
    registerJourneyHandlers(registry, { store, events });
    const runtime = createEngineRuntime({
      store,
      registry,
      events,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.startScheduler !== undefined ? { startScheduler: options.startScheduler } : {}),
    });
    const missing = registry.missing();
    if (missing.length > 0) throw new Error(`No handler registered for: ${missing.join(', ')}`);

    return {
      dataDir: options.dataDir,
      store,
      registry,
      events,
      runtime,
      close: () => {
        runtime.close();
        store.close();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
