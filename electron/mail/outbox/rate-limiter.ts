import type { SendingRate } from '../settings/sending-rate';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Paces the sender to the sending rate limit (messages per minute and per hour). */
export interface RateLimiter {
  /** Takes a slot at `now`; false when the limit is reached. Without a limit, always true and free. */
  take(now: number): boolean;
  /** When the next slot frees up (only meaningful after `take` returned false). */
  nextSlotAt(now: number): number;
}

/**
 * A sliding window over the send times of the last hour. `rate` is read on every take (cache it);
 * `recentSends` seeds the window when a limit appears, so a restart does not reset the hour.
 * @example const limiter = createRateLimiter(() => ({ perMinute: 2, perHour: null }), () => []); limiter.take(0) // true
 */
export function createRateLimiter(rate: () => SendingRate, recentSends: (since: number) => number[]): RateLimiter {
  /** Send times, oldest first; `start` skips the ones older than the window. */
  let times: number[] = [];
  let start = 0;
  let limited = false;

  const prune = (now: number) => {
    while (start < times.length && (times[start] as number) <= now - HOUR) start++;
    if (start > 1024 && start > times.length / 2) {
      times = times.slice(start);
      start = 0;
    }
  };
  /** How many sends after `since`: the times are sorted, so a binary search. */
  const countAfter = (since: number) => {
    let low = start;
    let high = times.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((times[mid] as number) <= since) low = mid + 1;
      else high = mid;
    }
    return times.length - low;
  };
  return {
    take(now) {
      const { perMinute, perHour } = rate();
      if (perMinute === null && perHour === null) {
        limited = false;
        return true;
      }
      if (!limited) {
        times = recentSends(now - HOUR).sort((a, b) => a - b);
        start = 0;
        limited = true;
      }
      prune(now);
      if (perHour !== null && times.length - start >= perHour) return false;
      if (perMinute !== null && countAfter(now - MINUTE) >= perMinute) return false;
      times.push(Math.max(now, times[times.length - 1] ?? now));
      return true;
    },
    nextSlotAt(now) {
      const { perMinute, perHour } = rate();
      let at = now;
      const inWindow = times.length - start;
      if (perHour !== null && inWindow >= perHour) at = Math.max(at, (times[times.length - perHour] as number) + HOUR);
      if (perMinute !== null && countAfter(now - MINUTE) >= perMinute) {
        at = Math.max(at, (times[times.length - perMinute] as number) + MINUTE);
      }
      return at + 1;
    },
  };
}
