/**
 * Limits on what one tracked event may hold, checked before anything is stored: hostile or broken
 * input is refused with its field named, instead of failing later (a stack overflow while hashing
 * a 5,000-deep object, a string SQLite cannot store faithfully) and taking other requests with it.
 */

/** Objects and arrays nested deeper than this are refused (real events nest a few levels). */
export const MAX_EVENT_DEPTH = 32;
/** The longest user id, event name or message id. */
export const MAX_ID_LENGTH = 1024;
/** Event times must fall in this range (milliseconds since 1970). */
export const EARLIEST_EVENT_TIME = Date.UTC(2000, 0, 1);
export const LATEST_EVENT_TIME = Date.UTC(2100, 0, 1);

export interface ShapeProblem {
  field: string;
  message: string;
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (text: string) => !LONE_SURROGATE.test(text);

const joinPath = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;

/**
 * The first thing in an event that cannot be stored as sent: nesting deeper than MAX_EVENT_DEPTH,
 * or a string or key with a lone UTF-16 surrogate (SQLite would store U+FFFD instead, so two
 * different user ids could become one). Walks the value without recursion.
 * @example checkEventShape({ userId: 'a\ud800' }) // { field: 'userId', message: 'contains an unpaired UTF-16 surrogate …' }
 */
export function checkEventShape(event: unknown, maxDepth = MAX_EVENT_DEPTH): ShapeProblem | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: event, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof value === 'string') {
      if (!wellFormed(value)) return unpaired(path || '(root)');
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) {
      return { field: path || '(root)', message: `is nested more than ${maxDepth} levels deep` };
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        stack.push({ value: item, path: joinPath(path, index), depth: depth + 1 });
      });
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (!wellFormed(key)) return unpaired(joinPath(path, key.replace(LONE_SURROGATE, '\uFFFD')));
      stack.push({ value: item, path: joinPath(path, key), depth: depth + 1 });
    }
  }
  return undefined;
}

function unpaired(field: string): ShapeProblem {
  return { field, message: 'contains an unpaired UTF-16 surrogate (not valid Unicode text)' };
}

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
