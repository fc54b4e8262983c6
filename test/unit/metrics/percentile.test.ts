import { describe, expect, test } from 'vitest';
import { medianAndP90, nearestRank } from '../../../shared/metrics/percentile';

describe('nearest-rank percentiles', () => {
  test('the median of 4 values is the 2nd (ceil(0.5·4) = 2), not an average', () => {
    expect(nearestRank([10, 20, 30, 40], 50)).toBe(20);
  });

  test('p90 of 10 values is the 9th; of 11 values the 10th (ceil(9.9) = 10)', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(ten, 90)).toBe(9);
    expect(nearestRank([...ten, 11], 90)).toBe(10);
  });

  test('p90 of 70 values is the 63rd exactly (floating point would pick the 64th)', () => {
    const seventy = Array.from({ length: 70 }, (_, i) => i + 1);
    expect(nearestRank(seventy, 90)).toBe(63);
  });

  test('one value is its own median and p90; none gives null', () => {
    expect(medianAndP90([7])).toEqual({ median: 7, p90: 7 });
    expect(medianAndP90([])).toEqual({ median: null, p90: null });
  });

  test('ties and unsorted input: [5, 1, 5, 3] sorts to [1, 3, 5, 5], median 3, p90 5', () => {
    expect(medianAndP90([5, 1, 5, 3])).toEqual({ median: 3, p90: 5 });
  });
});
