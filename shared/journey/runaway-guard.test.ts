import { describe, expect, test } from 'vitest';
import { createRunawayGuard } from './runaway-guard';

describe('the runaway guard', () => {
  test('one stopped render is forgiven: a busy machine can stop a sound template once', () => {
    const guard = createRunawayGuard();
    guard.strike('src', 1_000, 'too slow');
    expect(guard.refusal('src', 1_001)).toBeUndefined();
  });

  test('a second stop within a minute refuses the source for ten minutes', () => {
    const guard = createRunawayGuard();
    guard.strike('src', 0, 'too slow');
    guard.strike('src', 59_000, 'too slow');
    expect(guard.refusal('src', 60_000)).toBe('too slow');
    expect(guard.refusal('other', 60_000)).toBeUndefined();
    expect(guard.refusal('src', 59_000 + 10 * 60_000 + 1)).toBeUndefined();
  });

  test('stops more than a minute apart are both forgiven', () => {
    const guard = createRunawayGuard();
    guard.strike('src', 0, 'too slow');
    guard.strike('src', 61_000, 'too slow');
    expect(guard.refusal('src', 61_001)).toBeUndefined();
  });
});
