/**
 * Limits on what one tracked event may hold, checked before anything is stored: hostile or broken
 * input is refused with its field named, instead of failing later (a stack overflow while hashing
 * a 5,000-deep object, a string SQLite cannot store faithfully) and taking other requests with it.
 */

/** Objects and arrays nested deeper than this are refused (real events nest a few levels). */
export const MAX_EVENT_DEPTH = 32;
/**
 * The longest user id, event name or message id, in bytes of UTF-8 (1,024 ASCII characters, 256
 * emoji): indexes hold several of them in one entry, and PostgreSQL refuses an index entry over
 * about 2,700 bytes.
 */
export const MAX_ID_BYTES = 1024;
/** Event times must fall in this range (milliseconds since 1970). */
export const EARLIEST_EVENT_TIME = Date.UTC(2000, 0, 1);
export const LATEST_EVENT_TIME = Date.UTC(2100, 0, 1);

/**
 * An event time as whole milliseconds, or why it is refused: not a date, or outside
 * 2000–2100 (a number in seconds is the usual mistake, and is named as such).
 */
export function checkEventTime(stamp: string | number): { ok: true; time: number } | { ok: false; message: string } {
  const parsed = typeof stamp === 'number' ? stamp : Date.parse(stamp);
  if (!Number.isFinite(parsed)) return { ok: false, message: `${JSON.stringify(stamp)} is not a date (use ISO-8601)` };
  const time = Math.floor(parsed);
  if (time < EARLIEST_EVENT_TIME || time >= LATEST_EVENT_TIME) {
    const seconds =
      typeof stamp === 'number' && stamp * 1000 >= EARLIEST_EVENT_TIME && stamp * 1000 < LATEST_EVENT_TIME
        ? ' (it looks like seconds: send milliseconds, or ISO-8601)'
        : '';
    return { ok: false, message: `${JSON.stringify(stamp)} is not between 2000 and 2100${seconds}` };
  }
  return { ok: true, time };
}
