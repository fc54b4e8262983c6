const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A time relative to the scenario start, written the way the timeline is written (so it can be
 * copied into it). Minutes are two digits after hours, like a clock.
 * @example formatOffset(125 * 60_000) // '+2h05m'
 * @example formatOffset(0) // '+0'
 */
export function formatOffset(ms: number): string {
  if (ms < 0) return `-${formatOffset(-ms).slice(1)}`;
  const seconds = Math.round(ms / SECOND);
  const d = Math.floor(seconds / (DAY / SECOND));
  const h = Math.floor((seconds % (DAY / SECOND)) / (HOUR / SECOND));
  const m = Math.floor((seconds % (HOUR / SECOND)) / (MINUTE / SECOND));
  const s = seconds % (MINUTE / SECOND);
  if (d === 0 && h === 0 && m === 0 && s === 0) return '+0';
  let text = '+';
  if (d > 0) text += `${d}d`;
  if (h > 0) text += `${h}h`;
  if (m > 0) text += h > 0 ? `${pad(m)}m` : `${m}m`;
  if (s > 0) text += h > 0 || m > 0 ? `${pad(s)}s` : `${s}s`;
  return text;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as the user would read it on their clock, for tooltips beside relative times.
 * Falls back to UTC for a time zone the browser does not know.
 * @example formatMoment(Date.parse('2026-01-05T11:05:00Z'), 'UTC') // 'Mon 5 Jan 2026, 11:05 UTC'
 */
export function formatMoment(at: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-GB', {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone,
        timeZoneName: 'short',
      });
    } catch {
      return formatMoment(at, 'UTC');
    }
    formats.set(timeZone, format);
  }
  return format
    .format(at)
    .replace(/^(\w+),? /, '$1 ')
    .replace(' at ', ', ');
}
