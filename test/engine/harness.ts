import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppCore, createAppCore } from '../../electron/app/core';
import { ManualClock } from '../../electron/engine/clock';
import { createEngine, type Engine } from '../../electron/engine/engine';
import { openStore, type Store } from '../../electron/store';
import { loadSeed, T0 } from '../events';

export { HOUR, identify, MIN, T0, track } from '../events';

/** A real SQLite store in a temp dir with the seed journeys published, and an engine on a manual clock. */
export function engineFixture(journeyIds = ['integration-setup', 'setup-troubleshooting']) {
  const dir = mkdtempSync(join(tmpdir(), 'dripagent-engine-'));
  const store: Store = openStore(dir);
  for (const id of journeyIds) {
    const journey = loadSeed(id);
    store.journeys.saveDraft({ id: journey.id, name: journey.name, json: JSON.stringify(journey) });
    store.journeys.publish(journey.id);
  }
  const clock = new ManualClock(T0);
  const engine: Engine = createEngine({ store, clock });
  return {
    dir,
    store,
    clock,
    engine,
    /** Moves the clock to T0 + offset, firing every wake-up on the way like a live scheduler would. */
    runUntil(offset: number, step = 60_000) {
      while (clock.now() < T0 + offset) {
        const next = engine.nextWake();
        const target = next !== null && next <= T0 + offset ? Math.max(next, clock.now()) : T0 + offset;
        clock.set(Math.min(target, clock.now() + (next === null ? T0 + offset : step * 10_000)));
        while (engine.fireDue() > 0) {}
        if (next === null || next > T0 + offset) clock.set(T0 + offset);
      }
    },
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The whole app core on `dir` with the repository's example journeys, driven by a manual clock. */
export function seedCore(dir: string, clock: ManualClock, env: Record<string, string | undefined> = {}): AppCore {
  const resourcesDir = join(import.meta.dirname, '../../resources');
  return createAppCore({ dataDir: dir, resourcesDir, host: 'server', clock, startScheduler: false, env });
}
