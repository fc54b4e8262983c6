import { describe, expect, it } from 'vitest';
import { formatOffset, parseOffset } from '../model/scenario-timeline';
import { formatMoment } from './clock';

const MIN = 60_000;

describe('relative times', () => {
  it.each([
    [0, '+0'],
    [5 * MIN, '+5m'],
    [60 * MIN, '+1h'],
    [125 * MIN, '+2h05m'],
    [(3 * 24 * 60 + 125) * MIN, '+3d2h05m'],
    [24 * 60 * MIN + 30 * MIN, '+1d30m'],
    [45_000, '+45s'],
    [90_000, '+1m30s'],
  ])('writes %i ms as %s', (ms, text) => {
    expect(formatOffset(ms)).toBe(text);
  });

  it('writes times the timeline reads back to the same offset', () => {
    for (const ms of [0, 5 * MIN, 125 * MIN, 3 * 86_400_000 + 7 * MIN, 86_400_000 + 61_000]) {
      expect(parseOffset(formatOffset(ms))).toBe(ms);
    }
  });

  it('rounds to the second and signs times before the start', () => {
    expect(formatOffset(59_600)).toBe('+1m');
    expect(formatOffset(-5 * MIN)).toBe('-5m');
  });
});

describe('moments', () => {
  it('reads an instant on the user’s clock', () => {
    const at = Date.parse('2026-01-05T11:05:00Z');
    expect(formatMoment(at, 'UTC')).toBe('Mon 5 Jan 2026, 11:05 UTC');
    expect(formatMoment(at, 'Europe/Berlin')).toContain('12:05');
  });

  it('falls back to UTC for a time zone it does not know', () => {
    expect(formatMoment(0, 'Mars/Olympus')).toBe('Thu 1 Jan 1970, 00:00 UTC');
  });
});
