import type pg from 'pg';
import type { Clock } from '../../engine/clock';

/** How often the offset to the database's clock is measured again. */
const RESYNC_MS = 30_000;

export interface DatabaseClock extends Clock {
  /** Measures the offset now (started by `createDatabaseClock`, then every 30 s). */
  sync(): Promise<void>;
  stop(): void;
}

/**
 * The database server's clock, read locally: engines on several machines agree on when a
 * wake-up is due and when an outbox row may go, whatever their own clocks say. The offset is
 * measured with the round trip halved, and again every 30 seconds.
 */
export async function createDatabaseClock(pool: pg.Pool): Promise<DatabaseClock> {
  let offset = 0;
  const sync = async () => {
    const sent = Date.now();
    const { rows } = await pool.query<{ t: number }>(
      'SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS t',
    );
    const received = Date.now();
    offset = (rows[0]?.t ?? received) - (sent + received) / 2;
  };
  await sync();
  const timer = setInterval(() => sync().catch(() => {}), RESYNC_MS);
  timer.unref();
  return {
    now: () => Math.round(Date.now() + offset),
    sync,
    stop: () => clearInterval(timer),
  };
}
