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
