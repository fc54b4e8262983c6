import { createHmac } from 'node:crypto';
import type { MetaRepo } from '../../store/meta-repo';
import { macMatches } from '../settings/mac-matches';
import { storedSecret } from '../settings/stored-secret';

export interface UnsubscribeLinks {
  /** e.g. `http://127.0.0.1:4010/u/dXNlci0x.Xq3…` */
  urlFor(userId: string): string;
  /** The token alone (the last path segment of `urlFor`). */
  tokenFor(userId: string): string;
  /** The user id a token stands for, or undefined when it is malformed or its signature is wrong. */
  verify(token: string): string | undefined;
}

export interface UnsubscribeLinkOptions {
  /** The HMAC key; see `unsubscribeSecret`. */
  secret: string;
  /** Where the host answers, e.g. `https://mail.example.com`; a function when it is only known later. */
  baseUrl: string | (() => string);
}

/** 128 bits of HMAC-SHA256: plenty against forgery, and keeps links short. */
const MAC_BYTES = 16;
const TOKEN_PATTERN = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;
const META_KEY = 'mail.unsubscribe_secret';
const TOKEN_CACHE_SIZE = 50_000;

/**
 * Unsubscribe links that need no lookup: the token is the user id and a MAC of it, so a link
 * keeps working after a restart and nobody can unsubscribe somebody else by editing the URL.
 * @example
 * const links = createUnsubscribeLinks({ secret, baseUrl: 'http://127.0.0.1:4010' });
 * links.verify(links.tokenFor('user-1')) // 'user-1'
 */
export function createUnsubscribeLinks({ secret, baseUrl }: UnsubscribeLinkOptions): UnsubscribeLinks {
  const mac = (userId: string) =>
    createHmac('sha256', secret).update(`unsubscribe:${userId}`).digest().subarray(0, MAC_BYTES);
  let lastBase = '';
  let trimmedBase = '';
  const base = () => {
    const url = typeof baseUrl === 'function' ? baseUrl() : baseUrl;
    if (url !== lastBase) {
      lastBase = url;
      trimmedBase = url.replace(/\/+$/, '');
    }
    return trimmedBase;
  };
  // Every email renders its user's link (and the sender puts it in the headers): an HMAC each
  // time cost more than rendering the email, so tokens are remembered, in a bounded map.
  const tokens = new Map<string, string>();
  const tokenFor = (userId: string) => {
    let token = tokens.get(userId);
    if (token === undefined) {
      token = `${Buffer.from(userId, 'utf8').toString('base64url')}.${mac(userId).toString('base64url')}`;
      if (tokens.size >= TOKEN_CACHE_SIZE) tokens.clear();
      tokens.set(userId, token);
    }
    return token;
  };
  return {
    tokenFor,
    urlFor: (userId) => `${base()}/u/${tokenFor(userId)}`,
    verify(token) {
      const match = TOKEN_PATTERN.exec(token);
      if (!match?.[1] || !match[2]) return undefined;
      const userId = Buffer.from(match[1], 'base64url').toString('utf8');
      // Re-encoding must give the same text: rejects padded or non-canonical variants of a valid token.
      if (userId === '' || Buffer.from(userId, 'utf8').toString('base64url') !== match[1]) return undefined;
      return macMatches(match[2], mac(userId)) ? userId : undefined;
    },
  };
}

/** The data folder's unsubscribe secret, generated on first use and kept in `app_meta`. */
export const unsubscribeSecret = (meta: MetaRepo): string => storedSecret(meta, META_KEY);
