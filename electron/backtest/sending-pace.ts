import type { SendingRate } from '../mail/settings/sending-rate';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Amounts are fractions (expected counts): below this, nothing is left. */
const EPSILON = 1e-9;

/** Emails due in one minute, per key (a journey's email node), as amounts (expected counts may be fractions). */
export type MinuteBuckets = Map<number, Map<string, number>>;

/**
 * The sending rate limit applied to a forecast: what is due beyond the limit in a minute waits
 * for the next minutes with room, first due first sent, as the sender paces itself (at most
 * `perMinute` in a minute and `perHour` in any 60 minutes). Amounts past `until` are dropped: they
 * would go out after the forecast's period.
 * @example applySendingPace(new Map([[0, new Map([['confirm', 5]])]]), { perMinute: 2, perHour: null }, 10 * 60_000)
 * // minute 0: 2, minute 1: 2, minute 2: 1
 */
export function applySendingPace(buckets: MinuteBuckets, pace: SendingRate, until: number): MinuteBuckets {
  if (pace.perMinute === null && pace.perHour === null) return buckets;
  const out: MinuteBuckets = new Map();
  const minutes = [...buckets.keys()].sort((a, b) => a - b);
  const backlog: { key: string; amount: number }[] = [];
  const lastHour: number[] = [];
  let sentInHour = 0;
  let next = 0;
  const first = minutes[0];
  if (first === undefined) return out;
  for (let minute = first; minute < until && (next < minutes.length || backlog.length > 0); minute += MINUTE) {
    const due = minutes[next];
    if (backlog.length === 0 && due !== undefined && due - minute >= HOUR) {
      // Nothing waits and nothing is due for an hour: jump ahead; the hour's window is empty by then.
      minute = due;
      lastHour.length = 0;
      sentInHour = 0;
    }
    if (minutes[next] === minute) {
      for (const [key, amount] of buckets.get(minute) ?? []) backlog.push({ key, amount });
      next++;
    }
    let room = Math.min(
      pace.perMinute ?? Number.POSITIVE_INFINITY,
      (pace.perHour ?? Number.POSITIVE_INFINITY) - sentInHour,
    );
    let sent = 0;
    while (room > EPSILON && backlog.length > 0) {
      const head = backlog[0] as { key: string; amount: number };
      const take = Math.min(room, head.amount);
      const row = out.get(minute) ?? new Map<string, number>();
      row.set(head.key, (row.get(head.key) ?? 0) + take);
      out.set(minute, row);
      head.amount -= take;
      room -= take;
      sent += take;
      if (head.amount <= EPSILON) backlog.shift();
    }
    // The minutes before the next one that count against the hour.
    lastHour.push(sent);
    sentInHour += sent;
    if (lastHour.length > 59) sentInHour -= lastHour.shift() as number;
  }
  return out;
}
