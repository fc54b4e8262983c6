/** The standard normal quantile for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  lower: number;
  upper: number;
}

/**
 * Wilson's score interval for one proportion (without continuity correction).
 * @example wilsonInterval(81, 263) // { lower: 0.2553…, upper: 0.3662… } (Newcombe 1998, ex. 1)
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): Interval {
  if (n <= 0) return { lower: 0, upper: 1 };
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const scale = 1 + z2 / n;
  return { lower: Math.max(0, (centre - spread) / scale), upper: Math.min(1, (centre + spread) / scale) };
}

export interface Difference extends Interval {
  /** p1 − p2 */
  difference: number;
}

/**
 * Newcombe's hybrid score interval for the difference of two independent proportions p1 − p2
 * (Newcombe 1998, Statistics in Medicine 17:873–890, method 10): each side's Wilson interval,
 * combined by squaring and adding. Good at small groups and at rates near 0 or 1, where the
 * textbook (Wald) interval is too narrow. Null when a group is empty.
 * @example newcombeInterval(56, 70, 48, 80) // { difference: 0.2, lower: 0.0524…, upper: 0.3339… }
 */
export function newcombeInterval(x1: number, n1: number, x2: number, n2: number, z = Z_95): Difference | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const one = wilsonInterval(x1, n1, z);
  const two = wilsonInterval(x2, n2, z);
  const difference = p1 - p2;
  return {
    difference,
    lower: Math.max(-1, difference - Math.sqrt((p1 - one.lower) ** 2 + (two.upper - p2) ** 2)),
    upper: Math.min(1, difference + Math.sqrt((one.upper - p1) ** 2 + (p2 - two.lower) ** 2)),
  };
}
