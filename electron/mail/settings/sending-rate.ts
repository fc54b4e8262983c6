import type { MetaRepo } from '../../store/meta-repo';

/** How fast the sender may go, to warm up a new sending domain; null is no limit. */
export interface SendingRate {
  perMinute: number | null;
  perHour: number | null;
}

export const NO_RATE_LIMIT: SendingRate = { perMinute: null, perHour: null };
const META_KEY = 'mail.sending_rate';

/**
 * THE sending rate limit as saved in Settings: the sender obeys it and the forecast reads it here.
 * @example readSendingRate(store.meta) // { perMinute: 20, perHour: 500 }
 */
export function readSendingRate(meta: MetaRepo): SendingRate {
  const text = meta.get(META_KEY);
  if (!text) return NO_RATE_LIMIT;
  const saved = JSON.parse(text) as Partial<SendingRate>;
  return { perMinute: saved.perMinute ?? null, perHour: saved.perHour ?? null };
}

export function saveSendingRate(meta: MetaRepo, rate: SendingRate): SendingRate {
  meta.set(META_KEY, JSON.stringify(rate));
  return rate;
}
