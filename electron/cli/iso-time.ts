/** `2026-03-01`, `2026-03-01T09:00`, `2026-03-01T09:00:00.5Z`, `2026-03-01T09:00:00+02:00`… */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Epoch ms of an ISO-8601 date or time, or undefined when `text` is not one. Strict: the calendar
 * must exist (no 2026-02-30, which `Date.parse` rolls over to March 2), and a time without an
 * offset is UTC, like a date alone, so a report does not depend on the machine's time zone.
 * @example parseIsoTime('2026-03-01T09:00') // 1772355600000
 */
export function parseIsoTime(text: string): number | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const num = (part: string | undefined) => (part === undefined ? 0 : Number(part));
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(num) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, m[7] ? Math.round(Number(m[7]) * 1000) : 0);
  // A day that does not exist in that month moves the date: compare it back.
  if (new Date(utc).getUTCDate() !== day) return undefined;
  const zone = m[8];
  if (!zone || zone === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const [zh, zm] = zone.slice(1).split(':').map(Number) as [number, number];
  if (zh > 23 || zm > 59) return undefined;
  return utc - sign * (zh * 60 + zm) * 60_000;
}
