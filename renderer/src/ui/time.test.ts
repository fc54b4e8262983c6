import { describe, expect, it } from 'vitest';
import { localTime, parseTime, relativeTime } from './time';

const NOW = new Date(2026, 10, 27, 10, 30).getTime();
const MINUTE = 60_000;

describe('relativeTime', () => {
  it('says "just now" for the last few seconds', () => {
    expect(relativeTime(NOW - 10_000, NOW)).toBe('just now');
  });

  it('counts minutes ago and minutes ahead', () => {
    expect(relativeTime(NOW - 3 * MINUTE, NOW)).toBe('3 minutes ago');
    expect(relativeTime(NOW + 27 * MINUTE, NOW)).toBe('in 27 minutes');
  });

  it('switches to hours and then days', () => {
    expect(relativeTime(NOW - 5 * 60 * MINUTE, NOW)).toBe('5 hours ago');
    expect(relativeTime(NOW + 3 * 24 * 60 * MINUTE, NOW)).toBe('in 3 days');
  });
});

describe('localTime', () => {
  it('names today, yesterday and tomorrow', () => {
    expect(localTime(NOW - 10 * MINUTE, NOW)).toMatch(/^Today, /);
    expect(localTime(NOW - 24 * 60 * MINUTE, NOW)).toMatch(/^Yesterday, /);
    expect(localTime(NOW + 24 * 60 * MINUTE, NOW)).toMatch(/^Tomorrow, /);
  });

  it('shows the year only for another year', () => {
    expect(localTime(new Date(2026, 0, 5, 9, 0).getTime(), NOW)).not.toMatch(/2026/);
    expect(localTime(new Date(2025, 0, 5, 9, 0).getTime(), NOW)).toMatch(/2025/);
  });
});

describe('parseTime', () => {
  it('reads ISO strings and refuses nonsense', () => {
    expect(parseTime('2026-11-27T10:26:43.000Z')).toBe(Date.UTC(2026, 10, 27, 10, 26, 43));
    expect(parseTime('soon')).toBeNull();
    expect(parseTime(null)).toBeNull();
  });
});
