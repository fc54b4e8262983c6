import { lastFlag } from './command';
import { parseIsoTime } from './iso-time';

const DAY = 86_400_000;
/** Reports cover the last 30 days unless told otherwise. */
export const DEFAULT_PERIOD_DAYS = 30;

/**
 * Reads `--from ISO` and `--to ISO` (the last of each): [from, to) in epoch ms. Without them the
 * period is the 30 days up to now. Throws a message naming the flag that is wrong.
 * @example periodFromFlags({ from: ['2026-03-01'] }, Date.now()) // { from: 1772323200000, to: … }
 */
export function periodFromFlags(flags: Record<string, string[]>, now: number): { from: number; to: number } {
  const read = (name: 'from' | 'to'): number | undefined => {
    const text = lastFlag(flags, name);
    if (text === undefined) return undefined;
    const ms = parseIsoTime(text);
    if (ms === undefined) {
      throw new Error(
        `--${name} must be an ISO date or time such as 2026-03-01 or 2026-03-01T09:00:00Z, UTC unless it says otherwise (got "${text}")`,
      );
    }
    return ms;
  };
  const to = read('to') ?? now;
  const from = read('from') ?? to - DEFAULT_PERIOD_DAYS * DAY;
  if (from >= to)
    throw new Error(`--from (${new Date(from).toISOString()}) must be before --to (${new Date(to).toISOString()})`);
  return { from, to };
}

/** The last value of a flag that takes one, or undefined; throws when it was given as empty text. */
export function flagValue(flags: Record<string, string[]>, name: string): string | undefined {
  const value = lastFlag(flags, name);
  if (value === '') throw new Error(`--${name} needs a value`);
  return value;
}
