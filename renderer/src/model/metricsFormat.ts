const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "42%" or "–" (no one to measure). One decimal under 10%. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '–';
  const percent = rate * 100;
  return `${percent > 0 && percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/** A duration in the largest sensible unit: "45 min", "5.2 h", "3.1 d"; "–" for none. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '–';
  const abs = Math.abs(ms);
  if (abs < HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (abs < 2 * DAY) return `${(ms / HOUR).toFixed(1)} h`;
  return `${(ms / DAY).toFixed(1)} d`;
}

export const formatCount = (n: number) => n.toLocaleString('en-US');

/** The drop between two step counts, as a share of the first: 0.25 for 100 → 75. */
export function dropOff(before: number, after: number): number | null {
  return before > 0 ? (before - after) / before : null;
}

/** A change between steps as the funnel labels it: "−33%" lost, "+50%" gained (steps count users in any order), "no drop". */
export function formatStepChange(lost: number | null): string {
  if (lost === null) return '–';
  if (lost > 0) return `−${formatRate(lost)}`;
  if (lost < 0) return `+${formatRate(-lost)}`;
  return 'no drop';
}
