/**
 * Characters that never appear in the one plain address DripAgent sends to: whitespace, control
 * characters (a NUL would end the address in some servers' hands), and the separators and brackets
 * of address lists and display names. Refusing them means a trait such as
 * `a@example.com>, <victim@evil.example` cannot turn one email into two.
 */
const ATOM = '[^\\s@<>(),;:\\\\"\\[\\]\\u0000-\\u001f\\u007f]+';
const SINGLE_ADDRESS = new RegExp(`^${ATOM}@${ATOM}\\.${ATOM}$`);

/** RFC 5321's limit on a forward path. */
const MAX_ADDRESS_LENGTH = 254;

/**
 * True when `value` is exactly one plain email address (`local@domain.tld`): no display name, no
 * list, no comments.
 * @example isSingleAddress('ann@example.com') // true
 * @example isSingleAddress('a@example.com>, <victim@evil.example') // false
 */
export function isSingleAddress(value: string): boolean {
  return value.length <= MAX_ADDRESS_LENGTH && SINGLE_ADDRESS.test(value);
}
