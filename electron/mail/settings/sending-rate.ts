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
  let saved: Partial<SendingRate>;
  try {
    saved = JSON.parse(text) as Partial<SendingRate>;
  } catch {
    // A value no version wrote (edited by hand): sending goes on, and Settings can save it again.
    console.warn(`The saved sending rate is not readable (${text.slice(0, 80)}); sending without a limit.`);
    return NO_RATE_LIMIT;
  }
  const limit = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null);
  return { perMinute: limit(saved?.perMinute), perHour: limit(saved?.perHour) };
}

export function saveSendingRate(meta: MetaRepo, rate: SendingRate): SendingRate {
  meta.set(META_KEY, JSON.stringify(rate));
  return rate;
}
