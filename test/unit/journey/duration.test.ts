import { describe, expect, it } from 'vitest';
import { describeElapsed, describeMs, parseDuration } from '../../../shared/journey/duration';

describe('describeElapsed', () => {
  it('says a month in days, never in millions of seconds', () => {
    expect(describeElapsed(2_722_334_000)).toBe('31 days');
  });

  it('adds the next unit while the count is small', () => {
    expect(describeElapsed(83 * 60_000 + 5_000)).toBe('1 hour 23 minutes');
    expect(describeElapsed(36 * 3_600_000)).toBe('1 day 12 hours');
  });

  it('keeps whole amounts whole and short times in seconds', () => {
    expect(describeElapsed(2 * 3_600_000)).toBe('2 hours');
    expect(describeElapsed(42_400)).toBe('42 seconds');
    expect(describeElapsed(0)).toBe('0 seconds');
  });

  it('leaves exact durations to describeMs', () => {
    expect(describeMs(90 * 60_000)).toBe('90 minutes');
  });
});

describe('parseDuration and describeMs, worked out once per value', () => {
  it('give the same answers the first time, again, and after their memo fills and starts over', () => {
    const known: [string, number, string][] = [
      ['1m', 60_000, '1 minute'],
      ['90m', 5_400_000, '90 minutes'],
      ['2h', 7_200_000, '2 hours'],
      ['36h', 129_600_000, '36 hours'],
      ['1d', 86_400_000, '1 day'],
      ['1w', 604_800_000, '1 week'],
    ];
    for (let round = 0; round < 3; round++) {
      for (const [text, ms, words] of known) {
        expect(parseDuration(text)).toBe(ms);
        expect(describeMs(ms)).toBe(words);
      }
      // More distinct values than the memo keeps.
      for (let n = 1; n <= 1500; n++) expect(parseDuration(`${n}s`)).toBe(n * 1000);
      for (let n = 1; n <= 1500; n++) describeMs(n * 1000 + 1);
    }
  });

  it('still refuses a bad value every time, naming it', () => {
    for (let i = 0; i < 2; i++) expect(() => parseDuration('2 hours')).toThrow('"2 hours" is not a duration');
  });
});
