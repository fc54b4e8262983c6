/**
 * Durations are written the way a marketer says them: `30m`, `2h`, `36h`, `4d`, `1w`.
 * Kept as strings in the journey file (readable in git diffs) and turned into
 * milliseconds only where time is computed.
 */
export const DURATION_PATTERN = /^(\d+)(s|m|h|d|w)$/;

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const UNIT_WORDS: Record<string, [string, string]> = {
  s: ['second', 'seconds'],
  m: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  w: ['week', 'weeks'],
};

/**
 * Parses a duration string into milliseconds.
 * @example parseDuration('2h') // 7200000
 * @throws Error naming the bad value when it is not a duration.
 */
export function parseDuration(text: string): number {
  const match = DURATION_PATTERN.exec(text);
  if (!match) throw new Error(`"${text}" is not a duration (use e.g. 30m, 2h, 4d)`);
  return Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 0);
}

/**
 * Human form of a duration string.
 * @example describeDuration('2h') // "2 hours"
 */
export function describeDuration(text: string): string {
  const match = DURATION_PATTERN.exec(text);
  if (!match) return text;
  const count = Number(match[1]);
  const words = UNIT_WORDS[match[2] ?? 's'] ?? ['', ''];
  return `${count} ${count === 1 ? words[0] : words[1]}`;
}

/**
 * Human form of a number of milliseconds, in the largest whole unit.
 * @example describeMs(90 * 60_000) // "90 minutes"
 */
export function describeMs(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm'] as const) {
    const size = UNIT_MS[unit] ?? 1;
    if (ms >= size && ms % size === 0) return describeDuration(`${ms / size}${unit}`);
  }
  return describeDuration(`${Math.round(ms / 1000)}s`);
}
