import type { Clock } from './clock';
import type { Engine } from './engine';

export interface Scheduler {
  start(): void;
  stop(): void;
  /** Re-reads the earliest wake-up (after new events or a publish) and sleeps until it. */
  arm(): void;
}

/** The longest sleep: wakes at least this often, so a changed system clock is noticed. */
const MAX_SLEEP_MS = 30_000;

/**
 * Fires due wake-ups when they come due. Durable by construction: wake-ups live in SQLite, so
 * after a restart or a laptop sleep the first tick catches up on everything that came due meanwhile
 * (the interpreter skips emails later than a journey's max lateness as `stale`).
 */
export function createScheduler(
  engine: Engine,
  clock: Clock,
  onError: (error: unknown) => void = console.error,
): Scheduler {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let armedFor = Number.POSITIVE_INFINITY;

  const tick = () => {
    timer = undefined;
    armedFor = Number.POSITIVE_INFINITY;
    if (!running) return;
    try {
      const fired = engine.fireDue();
      // A full batch means more are due: continue on the next turn of the event loop so HTTP
      // requests are served in between.
      if (fired >= 500) {
        timer = setTimeout(tick, 0);
        armedFor = clock.now();
        return;
      }
    } catch (error) {
      onError(error);
    }
    arm();
  };

  const arm = () => {
    if (!running) return;
    const next = engine.nextWake();
    const now = clock.now();
    const at = next === null ? now + MAX_SLEEP_MS : Math.min(next, now + MAX_SLEEP_MS);
    if (timer && at >= armedFor) return;
    if (timer) clearTimeout(timer);
    armedFor = at;
    timer = setTimeout(tick, Math.max(0, at - now));
  };

  return {
    start: () => {
      running = true;
      tick();
    },
    stop: () => {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    arm,
  };
}
