/** How often and how patiently a transient failure is retried. */
export interface RetryPolicy {
  /** Wait after the first failure; doubles with each further one. */
  baseMs: number;
  maxMs: number;
  /** Attempts in all (the first try included) before a transient failure becomes permanent. */
  maxAttempts: number;
  /** Spread of the random jitter, e.g. 0.2 = ±20%, so retries after an outage do not arrive in one wave. */
  jitter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 30_000,
  maxMs: 2 * 60 * 60_000,
  maxAttempts: 10,
  jitter: 0.2,
};

/**
 * Milliseconds to wait before the next attempt, after `failures` failed ones (1 after the first).
 * @example retryDelay(3, { baseMs: 1000, maxMs: 60_000, maxAttempts: 5, jitter: 0 }) // 4000
 */
export function retryDelay(failures: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  const spread = 1 + policy.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(exponential * spread));
}
