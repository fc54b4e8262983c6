import { describe, expect, test } from 'vitest';
import { describePeriod, isValidPeriod, lastDays, periodRange } from './period';

describe('report periods', () => {
  test('a period of days covers the first day from midnight UTC to the end of the last day', () => {
    expect(periodRange({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      from: Date.parse('2026-03-01T00:00:00Z'),
      to: Date.parse('2026-04-01T00:00:00Z'),
    });
  });

  test('the last 30 days end today', () => {
    expect(lastDays(30, Date.parse('2026-03-31T15:00:00Z'))).toEqual({ from: '2026-03-02', to: '2026-03-31' });
  });

  test('one day is a valid period; an end before the start or an unreadable day is not', () => {
    expect(isValidPeriod({ from: '2026-03-01', to: '2026-03-01' })).toBe(true);
    expect(isValidPeriod({ from: '2026-03-02', to: '2026-03-01' })).toBe(false);
    expect(isValidPeriod({ from: '', to: '2026-03-01' })).toBe(false);
  });

  test('periods read as dates', () => {
    expect(describePeriod({ from: '2026-03-01', to: '2026-03-31' })).toBe('1 Mar – 31 Mar 2026');
    expect(describePeriod({ from: '2025-12-01', to: '2026-01-31' })).toBe('1 Dec 2025 – 31 Jan 2026');
  });
});
