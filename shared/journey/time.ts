/**
 * Time-zone arithmetic on plain epoch milliseconds, using only Intl (available in Node and
 * browsers), so the interpreter stays pure and identical in every process.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when the runtime knows this IANA time zone. */
export function isValidTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Monday ... 6 = Sunday
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The wall-clock reading of an instant in a zone. */
export function localParts(ms: number, zone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Mon'),
  };
}

function offsetAt(ms: number, zone: string): number {
  const p = localParts(ms, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant at which the zone's clock shows the given wall-clock time (DST gaps move forward). */
export function zonedToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  zone: string,
): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetAt(guess, zone);
  const second = guess - offsetAt(first, zone);
  return second;
}

/** Minutes since local midnight of "HH:MM". */
export function clockMinutes(text: string): number {
  const [h, m] = text.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * The first instant strictly after `after` (or at it, when `inclusive`) at which the zone's clock
 * reads `time`, on one of `days` (0 = Monday) when given.
 * @example nextLocalTime(Date.parse('2026-01-05T10:00:00Z'), '09:00', 'UTC') // 2026-01-06T09:00Z
 */
export function nextLocalTime(after: number, time: string, zone: string, days?: number[], inclusive = false): number {
  const minutes = clockMinutes(time);
  const start = localParts(after, zone);
  for (let offset = 0; offset < 9; offset++) {
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day + offset));
    const weekday = (date.getUTCDay() + 6) % 7;
    if (days && days.length > 0 && !days.includes(weekday)) continue;
    const at = zonedToInstant(
      date.getUTCFullYear(),
      date.getUTCMonth() + 1,
      date.getUTCDate(),
      Math.floor(minutes / 60),
      minutes % 60,
      zone,
    );
    if (at > after || (inclusive && at === after)) return at;
  }
  throw new Error(`no ${time} found in the next week for zone ${zone}`);
}

/**
 * When `ms` falls inside the quiet hours [start, end) of the zone's clock, the instant they end;
 * otherwise undefined. Quiet hours may wrap midnight (21:00 to 08:00).
 */
export function quietHoursEnd(ms: number, start: string, end: string, zone: string): number | undefined {
  const p = localParts(ms, zone);
  const now = p.hour * 60 + p.minute;
  const s = clockMinutes(start);
  const e = clockMinutes(end);
  const inside = s <= e ? now >= s && now < e : now >= s || now < e;
  return inside ? nextLocalTime(ms, end, zone) : undefined;
}
