import { describe, expect, it } from 'vitest';
import { describeElapsed, describeMs } from '../../../shared/journey/duration';

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
