import { describe, expect, test } from 'vitest';
import { newcombeInterval, wilsonInterval } from '../../../shared/metrics/interval';

// Worked examples from Newcombe RG (1998), "Interval estimation for the difference between
// independent proportions: comparison of eleven methods", Statistics in Medicine 17:873–890,
// and its companion on single proportions (Statistics in Medicine 17:857–872), to 4 decimals.
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThan(5e-5);

describe("Wilson's score interval", () => {
  test('81 of 263 gives 0.2553 to 0.3662', () => {
    const ci = wilsonInterval(81, 263);
    close(ci.lower, 0.2553);
    close(ci.upper, 0.3662);
  });

  test('15 of 148 gives 0.0624 to 0.1605', () => {
    const ci = wilsonInterval(15, 148);
    close(ci.lower, 0.0624);
    close(ci.upper, 0.1605);
  });
});

describe("Newcombe's hybrid score interval for a difference of proportions", () => {
  test('56/70 against 48/80 is 0.175 with 95% CI 0.0524 to 0.3339', () => {
    const ci = newcombeInterval(56, 70, 48, 80);
    expect(ci?.difference).toBeCloseTo(56 / 70 - 48 / 80, 12);
    close(ci?.lower ?? Number.NaN, 0.0524);
    close(ci?.upper ?? Number.NaN, 0.3339);
  });

  test('9/10 against 3/10 is 0.6 with 95% CI 0.1705 to 0.8090', () => {
    const ci = newcombeInterval(9, 10, 3, 10);
    close(ci?.lower ?? Number.NaN, 0.1705);
    close(ci?.upper ?? Number.NaN, 0.809);
  });

  test('swapping the groups mirrors the interval', () => {
    const ab = newcombeInterval(56, 70, 48, 80);
    const ba = newcombeInterval(48, 80, 56, 70);
    expect(ba?.lower).toBeCloseTo(-(ab?.upper ?? 0), 12);
    expect(ba?.upper).toBeCloseTo(-(ab?.lower ?? 0), 12);
  });

  test('an empty group has no interval', () => {
    expect(newcombeInterval(3, 10, 0, 0)).toBeNull();
  });
});
