import { timingSafeEqual } from 'node:crypto';

/**
 * Whether a link's MAC, as written in the link, is exactly the canonical base64url of `expected`.
 * Compared as text: decoding first would accept several spellings of one MAC (the last
 * character's unused bits), so a token edited there would still pass.
 */
export function macMatches(given: string, expected: Buffer): boolean {
  const want = Buffer.from(expected.toString('base64url'), 'utf8');
  const got = Buffer.from(given, 'utf8');
  return got.length === want.length && timingSafeEqual(got, want);
}
