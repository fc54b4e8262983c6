/**
 * The nearest-rank percentile of an ascending list: the value at index ceil(percent/100 · n) − 1.
 * Integer arithmetic, so 90% of 70 values is exactly the 63rd (floating point would say 63.00000000000001
 * and round up to the 64th). Null for an empty list.
 * @example nearestRank([1, 2, 3, 4], 50) // 2
 */
export function nearestRank(sorted: readonly number[], percent: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((percent * n) / 100));
  return sorted[Math.min(n, rank) - 1] ?? null;
}

/** Median and 90th percentile by nearest rank; sorts a copy. */
export function medianAndP90(values: readonly number[]): { median: number | null; p90: number | null } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: nearestRank(sorted, 50), p90: nearestRank(sorted, 90) };
}
