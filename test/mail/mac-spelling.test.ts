import { describe, expect, it } from 'vitest';
import { createTrackingLinks } from '../../electron/mail/tracking/tracking-links';
import { createUnsubscribeLinks } from '../../electron/mail/unsubscribe/unsubscribe-links';

/**
 * A 16-byte MAC is 22 base64url characters whose last one carries only 2 bits, so several last
 * characters decode to the same bytes. Only the spelling the host wrote may pass: every other
 * last character is refused, for every link kind and many tokens (no luck involved).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const respellings = (token: string) =>
  [...ALPHABET].filter((c) => c !== token.at(-1)).map((c) => `${token.slice(0, -1)}${c}`);

describe('signed link tokens accept only the MAC as written', () => {
  const tracking = createTrackingLinks({ secret: 's3cret', baseUrl: () => 'https://t.acme.test' });
  const unsubscribe = createUnsubscribeLinks({ secret: 's3cret', baseUrl: 'https://t.acme.test' });

  it('click tokens', () => {
    for (let id = 1; id <= 40; id += 1) {
      const token = tracking.clickUrl(id, `https://acme.test/setup/${id}`).split('/c/')[1] as string;
      expect(tracking.verifyClick(token)).toEqual({ outboxId: id, url: `https://acme.test/setup/${id}` });
      for (const other of respellings(token)) expect(tracking.verifyClick(other)).toBeUndefined();
    }
  });

  it('open tokens', () => {
    for (let id = 1; id <= 40; id += 1) {
      const token = tracking.openUrl(id).split('/o/')[1] as string;
      expect(tracking.verifyOpen(token)).toBe(id);
      for (const other of respellings(token)) expect(tracking.verifyOpen(other)).toBeUndefined();
    }
  });

  it('unsubscribe tokens', () => {
    for (let n = 1; n <= 40; n += 1) {
      const token = unsubscribe.tokenFor(`user-${n}`);
      expect(unsubscribe.verify(token)).toBe(`user-${n}`);
      for (const other of respellings(token)) expect(unsubscribe.verify(other)).toBeUndefined();
    }
  });
});
