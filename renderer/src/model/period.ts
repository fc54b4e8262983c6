const DAY = 86_400_000;

/** A period as the views show it: whole UTC days, `to` included. */
export interface DayPeriod {
  /** YYYY-MM-DD */
  from: string;
  /** YYYY-MM-DD, included */
  to: string;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last `days` days up to and including today (UTC). */
export function lastDays(days: number, now = Date.now()): DayPeriod {
  const today = Math.floor(now / DAY) * DAY;
  return { from: dayOf(today - (days - 1) * DAY), to: dayOf(today) };
}

/**
 * The instants a report takes: [start of `from`, start of the day after `to`), in UTC.
 * @example periodRange({ from: '2026-03-01', to: '2026-03-31' }) // { from: 1772323200000, to: 1775001600000 }
 */
export function periodRange(period: DayPeriod): { from: number; to: number } {
  const from = Date.parse(`${period.from}T00:00:00Z`);
  const to = Date.parse(`${period.to}T00:00:00Z`) + DAY;
  return { from, to };
}

/** Whether both days read and `from` is not after `to`. */
export function isValidPeriod(period: DayPeriod): boolean {
  const { from, to } = periodRange(period);
  return Number.isFinite(from) && Number.isFinite(to) && from < to;
}

/** "1 Mar – 31 Mar 2026" */
export function describePeriod(period: DayPeriod): string {
  const format = (day: string, year: boolean) =>
    new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'short',
      ...(year ? { year: 'numeric' } : {}),
      timeZone: 'UTC',
    });
  const sameYear = period.from.slice(0, 4) === period.to.slice(0, 4);
  return `${format(period.from, !sameYear)} – ${format(period.to, true)}`;
}
