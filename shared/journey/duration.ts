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
  return once(parsed, text, parseOnce);
}

function parseOnce(text: string): number {
  const match = DURATION_PATTERN.exec(text);
  if (!match) throw new Error(`"${text}" is not a duration (use e.g. 30m, 2h, 4d)`);
  return Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 0);
}

/**
 * Journeys use a handful of durations, parsed and described at every step of every run (the
 * scheduler's hot path): each is worked out once. Bounded, so odd input cannot grow them.
 */
const MEMO_SIZE = 1000;
const parsed = new Map<string, number>();
const described = new Map<number, string>();

function once<K, V>(memo: Map<K, V>, key: K, compute: (key: K) => V): V {
  const known = memo.get(key);
  if (known !== undefined) return known;
  const value = compute(key);
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(key, value);
  return value;
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
  return once(described, ms, describeMsOnce);
}

function describeMsOnce(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm'] as const) {
    const size = UNIT_MS[unit] ?? 1;
    if (ms >= size && ms % size === 0) return describeDuration(`${ms / size}${unit}`);
  }
  return describeDuration(`${Math.round(ms / 1000)}s`);
}

/** Units for lengths of time that are not whole: days at most, so a month reads "31 days". */
const ROUGH_UNITS = ['d', 'h', 'm', 's'] as const;

/**
 * Human form of a measured length of time (how late, how long after): the largest unit, plus the
 * next one while the count is small. Never "2722334 seconds".
 * @example describeElapsed(2_722_334_000) // "31 days"
 * @example describeElapsed(83 * 60_000 + 5_000) // "1 hour 23 minutes"
 */
export function describeElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000)) * 1000;
  for (const [index, unit] of ROUGH_UNITS.entries()) {
    const size = UNIT_MS[unit] ?? 1;
    if (total < size && unit !== 's') continue;
    const count = Math.floor(total / size);
    const words = describeDuration(`${count}${unit}`);
    const next = ROUGH_UNITS[index + 1];
    if (count >= 10 || !next) return words;
    const rest = Math.floor((total - count * size) / (UNIT_MS[next] ?? 1));
    return rest > 0 ? `${words} ${describeDuration(`${rest}${next}`)}` : words;
  }
  return describeDuration('0s');
}
