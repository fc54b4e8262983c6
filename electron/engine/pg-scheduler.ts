import type pg from 'pg';
import type { Clock } from './clock';
import type { PgEngine } from './pg-engine';

/** The channel engines tell each other on that wake-ups changed. */
export const WAKEUPS_CHANNEL = 'dripagent_wakeups';
/** The longest sleep: wakes at least this often, whatever it was told. */
const MAX_SLEEP_MS = 30_000;
/** Commits within this long share one NOTIFY. */
const NOTIFY_DEBOUNCE_MS = 50;
const BATCH = 500;
/** Batches fired at once by one engine (each its own transaction, on users the other does not hold). */
const LANES = 2;
/** How soon a broken LISTEN connection is replaced. */
const RELISTEN_MS = 1000;

export interface PgScheduler {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Re-reads the earliest wake-up and sleeps until it (after this engine's own commits). */
  arm(): void;
  /** Tells the other engines (debounced) that this engine's commits changed wake-ups. */
  notifyOthers(): void;
  /** Resolves once no firing or re-reading is under way (it sleeps until the next wake-up). */
  settled(): Promise<void>;
}

/**
 * Fires due wake-ups on PostgreSQL, one of several schedulers: each claims due users with
 * `SKIP LOCKED` (see pg-engine.ts), so they share the work and never fire one twice. An engine
 * whose commit changed wake-ups tells the others with a debounced NOTIFY; each LISTENs and
 * re-reads the earliest wake-up, so a reminder made on one engine fires on time on any of them.
 */
export function createPgScheduler(
  engine: PgEngine,
  pool: pg.Pool,
  clock: Clock,
  onError: (error: unknown) => void = console.error,
): PgScheduler {
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let armedFor = Number.POSITIVE_INFINITY;
  let ticking: Promise<void> | undefined;
  let arming: Promise<void> | undefined;
  let listener: pg.PoolClient | undefined;
  let notifyTimer: NodeJS.Timeout | undefined;

  const schedule = (at: number) => {
    if (!running) return;
    if (timer && at >= armedFor) return;
    clearTimeout(timer);
    armedFor = at;
    timer = setTimeout(tick, Math.max(0, at - clock.now()));
  };

  const arm = () => {
    if (!running || ticking) return;
    const reading = engine
      .nextWake()
      .then(
        (next) => {
          const now = clock.now();
          schedule(next === null ? now + MAX_SLEEP_MS : Math.min(next, now + MAX_SLEEP_MS));
        },
        (error: unknown) => {
          onError(error);
          schedule(clock.now() + 1000);
        },
      )
      .finally(() => {
        if (arming === reading) arming = undefined;
      });
    arming = reading;
  };

  /**
   * LISTENs on a connection of its own. A connection that breaks (a database restart, a network
   * cut) is replaced a second later, and the earliest wake-up read again: a wake-up announced
   * meanwhile is not missed for longer than that.
   */
  const listen = async (): Promise<void> => {
    const client = await pool.connect();
    listener = client;
    client.on('notification', () => arm());
    const lost = (error?: unknown) => {
      if (listener !== client) return;
      listener = undefined;
      client.release(error instanceof Error ? error : new Error('the LISTEN connection ended'));
      if (!running) return;
      const retry = () => {
        if (!running) return;
        listen().then(arm, (failed: unknown) => {
          onError(failed);
          setTimeout(retry, RELISTEN_MS).unref();
        });
      };
      setTimeout(retry, RELISTEN_MS).unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    await client.query(`LISTEN ${WAKEUPS_CHANNEL}`);
  };

  const tick = () => {
    timer = undefined;
    armedFor = Number.POSITIVE_INFINITY;
    if (!running || ticking) return;
    ticking = (async () => {
      try {
        // A full batch means more are due: go on, between other work. Two lanes, so that one
        // batch's round trips to the database overlap the next batch's deciding here.
        const lane = async () => {
          while (running && (await engine.fireDue(BATCH)) >= BATCH) await new Promise((r) => setImmediate(r));
        };
        await Promise.all(Array.from({ length: LANES }, lane));
      } catch (error) {
        onError(error);
      }
    })().finally(() => {
      ticking = undefined;
      arm();
    });
  };

  return {
    async start() {
      running = true;
      await listen();
      tick();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      clearTimeout(notifyTimer);
      await ticking;
      const client = listener;
      listener = undefined;
      if (client) {
        await client.query(`UNLISTEN ${WAKEUPS_CHANNEL}`).catch(() => {});
        client.release();
      }
    },
    arm,
    notifyOthers() {
      if (notifyTimer) return;
      notifyTimer = setTimeout(() => {
        notifyTimer = undefined;
        pool.query('SELECT pg_notify($1, $2)', [WAKEUPS_CHANNEL, '']).catch(onError);
      }, NOTIFY_DEBOUNCE_MS);
      notifyTimer.unref();
    },
    async settled() {
      while (ticking || arming) await (ticking ?? arming);
    },
  };
}
