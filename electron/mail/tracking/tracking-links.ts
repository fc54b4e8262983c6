import { createHmac } from 'node:crypto';
import type { MetaRepo } from '../../store/meta-repo';
import { macMatches } from '../settings/mac-matches';
import { storedSecret } from '../settings/stored-secret';

/** Signed links of tracked emails: `/c/TOKEN` for a link, `/o/TOKEN` for the open pixel. */
export interface TrackingLinks {
  /** The tracked form of `url` in outbox message `outboxId`, e.g. `http://127.0.0.1:4010/c/1a.aHR0c…` */
  clickUrl(outboxId: number, url: string): string;
  openUrl(outboxId: number): string;
  /** The message and original URL a click token stands for, or undefined when it was tampered with. */
  verifyClick(token: string): { outboxId: number; url: string } | undefined;
  verifyOpen(token: string): number | undefined;
}

/** 128 bits of HMAC-SHA256, as for unsubscribe links. */
const MAC_BYTES = 16;
const ID = '[0-9a-z]{1,11}';
const B64 = '[A-Za-z0-9_-]+';
const CLICK_TOKEN = new RegExp(`^(${ID})\\.(${B64})\\.(${B64})$`);
const OPEN_TOKEN = new RegExp(`^(${ID})\\.(${B64})$`);
const META_KEY = 'mail.tracking_secret';
/** Longer URLs are left as they are: a link of several kilobytes is not a link a person clicks. */
export const MAX_TRACKED_URL = 2000;

/**
 * The token binds the message and the original URL with an HMAC (the approach of the unsubscribe
 * links), so the redirect needs no lookup and goes only where the email pointed: editing the URL
 * part breaks the signature.
 * @example
 * const links = createTrackingLinks({ secret, baseUrl: 'https://drip.acme.io' });
 * links.verifyClick(links.clickUrl(7, 'https://acme.io/setup').split('/c/')[1]) // { outboxId: 7, url: 'https://acme.io/setup' }
 */
export function createTrackingLinks({ secret, baseUrl }: { secret: string; baseUrl: () => string }): TrackingLinks {
  const mac = (text: string) => createHmac('sha256', secret).update(text).digest().subarray(0, MAC_BYTES);
  const base = () => baseUrl().replace(/\/+$/, '');
  const idOf = (text: string) => {
    const id = Number.parseInt(text, 36);
    // Canonical form only: a re-encoded id must read the same.
    return Number.isSafeInteger(id) && id > 0 && id.toString(36) === text ? id : undefined;
  };
  return {
    clickUrl(outboxId, url) {
      const id = outboxId.toString(36);
      return `${base()}/c/${id}.${Buffer.from(url, 'utf8').toString('base64url')}.${mac(`click:${id}:${url}`).toString('base64url')}`;
    },
    openUrl(outboxId) {
      const id = outboxId.toString(36);
      return `${base()}/o/${id}.${mac(`open:${id}`).toString('base64url')}`;
    },
    verifyClick(token) {
      const match = CLICK_TOKEN.exec(token);
      if (!match?.[1] || !match[2] || !match[3]) return undefined;
      const outboxId = idOf(match[1]);
      const url = Buffer.from(match[2], 'base64url').toString('utf8');
      if (outboxId === undefined || Buffer.from(url, 'utf8').toString('base64url') !== match[2]) return undefined;
      if (!macMatches(match[3], mac(`click:${match[1]}:${url}`))) return undefined;
      return isWebUrl(url) ? { outboxId, url } : undefined;
    },
    verifyOpen(token) {
      const match = OPEN_TOKEN.exec(token);
      if (!match?.[1] || !match[2]) return undefined;
      const outboxId = idOf(match[1]);
      return outboxId !== undefined && macMatches(match[2], mac(`open:${match[1]}`)) ? outboxId : undefined;
    },
  };
}

/** Only http(s) links are tracked and redirected to. */
export function isWebUrl(url: string): boolean {
  if (url.length > MAX_TRACKED_URL || !/^https?:\/\//i.test(url)) return false;
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** The data folder's link-signing secret, generated on first use and kept in `app_meta`. */
export const trackingSecret = (meta: MetaRepo): string => storedSecret(meta, META_KEY);
