import { describe, expect, test } from 'vitest';
import { isHoldout } from '../../../shared/engine/holdout';
import { bucketOf, fnv1a32 } from '../../../shared/engine/random';

describe('the stable hash behind random splits and holdouts', () => {
  test('FNV-1a 32 matches the published test vectors', () => {
    // From the FNV reference (Fowler/Noll/Vo): "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  test('a bucket is the hash of "user:key" mod 10,000, in hundredths', () => {
    expect(bucketOf('u', 'x')).toBe((fnv1a32('u:x') % 10_000) / 100);
  });
});

describe('holdout assignment', () => {
  test('a user is held out exactly when the bucket of "user:holdout:journey" is below the percentage', () => {
    for (const userId of ['ann', 'bob', 'u_1', 'u_2', 'u_3']) {
      const bucket = (fnv1a32(`${userId}:holdout:integration-setup`) % 10_000) / 100;
      expect(isHoldout(userId, 'integration-setup', 25)).toBe(bucket < 25);
    }
  });

  test('the same user and journey always get the same answer', () => {
    const first = Array.from({ length: 200 }, (_, i) => isHoldout(`user-${i}`, 'j', 30));
    const again = Array.from({ length: 200 }, (_, i) => isHoldout(`user-${i}`, 'j', 30));
    expect(again).toEqual(first);
  });

  test('0% or no percentage holds nobody out; 100% holds everyone out', () => {
    const users = Array.from({ length: 100 }, (_, i) => `user-${i}`);
    expect(users.filter((u) => isHoldout(u, 'j', 0))).toEqual([]);
    expect(users.filter((u) => isHoldout(u, 'j', undefined))).toEqual([]);
    expect(users.filter((u) => isHoldout(u, 'j', 100))).toHaveLength(100);
  });

  test('10% holds out close to one user in ten of 20,000, and a different set per journey', () => {
    const users = Array.from({ length: 20_000 }, (_, i) => `user-${i}`);
    const a = users.filter((u) => isHoldout(u, 'journey-a', 10));
    const b = new Set(users.filter((u) => isHoldout(u, 'journey-b', 10)));
    // Binomial(20000, 0.1): standard deviation 42; 5 of them either side.
    expect(Math.abs(a.length - 2000)).toBeLessThan(212);
    const both = a.filter((u) => b.has(u)).length;
    // Independent journeys share about 1% of users (200), not the same 10%.
    expect(both).toBeLessThan(400);
  });

  test('growing the percentage only adds users: those held out at 10% stay held out at 20%', () => {
    const users = Array.from({ length: 1000 }, (_, i) => `user-${i}`);
    const ten = users.filter((u) => isHoldout(u, 'j', 10));
    expect(ten.every((u) => isHoldout(u, 'j', 20))).toBe(true);
  });
});
