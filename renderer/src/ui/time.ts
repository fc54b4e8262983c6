/** Readable times for people, not logs: "Today, 10:26", "in 27 minutes". Locale from the system. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const yearFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

function startOfDay(ms: number): number {
  const date = new Date(ms);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/**
 * The local date and time, as short as it can be while staying unambiguous.
 * @example localTime(Date.now()) // "Today, 10:26 AM"
 */
export function localTime(at: number, now = Date.now()): string {
  const days = Math.round((startOfDay(at) - startOfDay(now)) / DAY);
  const clock = clockFormat.format(at);
  if (days === 0) return `Today, ${clock}`;
  if (days === -1) return `Yesterday, ${clock}`;
  if (days === 1) return `Tomorrow, ${clock}`;
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return `${(sameYear ? dayFormat : yearFormat).format(at)}, ${clock}`;
}

/**
 * How long ago or how far ahead, in the largest unit that fits.
 * @example relativeTime(Date.now() - 3 * 60_000) // "3 minutes ago"
 */
export function relativeTime(at: number, now = Date.now()): string {
  const delta = at - now;
  const size = Math.abs(delta);
  if (size < 45_000) return delta <= 0 ? 'just now' : 'in a moment';
  if (size < HOUR) return relativeFormat.format(Math.round(delta / MINUTE), 'minute');
  if (size < DAY) return relativeFormat.format(Math.round(delta / HOUR), 'hour');
  if (size < 30 * DAY) return relativeFormat.format(Math.round(delta / DAY), 'day');
  return relativeFormat.format(Math.round(delta / (30 * DAY)), 'month');
}

/** Every detail, for a tooltip. */
export function fullTime(at: number): string {
  return fullFormat.format(at);
}

/** Epoch milliseconds from an ISO string, or null when it does not parse. */
export function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}
