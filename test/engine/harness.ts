import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../electron/engine/clock';
import { createEngine, type Engine } from '../../electron/engine/engine';
import { openStore, type Store } from '../../electron/store';
import type { UserEvent } from '../../shared/engine/types';
import { Journey } from '../../shared/journey/schema';

export const T0 = Date.parse('2026-03-02T09:00:00Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;

const root = join(import.meta.dirname, '../..');

/** A real SQLite store in a temp dir with the seed journeys published, and an engine on a manual clock. */
export function engineFixture(journeyIds = ['integration-setup', 'setup-troubleshooting']) {
  const dir = mkdtempSync(join(tmpdir(), 'dripagent-engine-'));
  const store: Store = openStore(dir);
  for (const id of journeyIds) {
    const journey = Journey.parse(JSON.parse(readFileSync(join(root, 'resources/journeys', `${id}.json`), 'utf8')));
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

let n = 0;
export function track(
  userId: string,
  event: string,
  offset: number,
  properties: Record<string, unknown> = {},
  messageId?: string,
): UserEvent {
  return { type: 'track', event, userId, timestamp: T0 + offset, properties, messageId: messageId ?? `e${++n}` };
}

export function identify(userId: string, traits: Record<string, unknown> = {}, offset = 0): UserEvent {
  return {
    type: 'identify',
    userId,
    timestamp: T0 + offset,
    traits: { email: `${userId}@example.com`, createdAt: new Date(T0).toISOString(), ...traits },
    messageId: `i${++n}`,
  };
}
