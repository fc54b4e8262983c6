import { describe, expect, test } from 'vitest';
import { tokenFromPaste } from './accessLink';

describe('tokenFromPaste', () => {
  test('takes the token out of the printed link', () => {
    expect(tokenFromPaste('  http://127.0.0.1:4010/?token=da_abc-DEF_1 ')).toBe('da_abc-DEF_1');
  });
  test('accepts the token alone', () => {
    expect(tokenFromPaste('da_abc')).toBe('da_abc');
  });
  test('reads a query pasted without the address', () => {
    expect(tokenFromPaste('?token=da%5Fx&view=people')).toBe('da_x');
  });
  test('refuses a link without a token, and text that cannot be a token', () => {
    expect(tokenFromPaste('http://127.0.0.1:4010/')).toBeNull();
    expect(tokenFromPaste('not a token')).toBeNull();
    expect(tokenFromPaste('')).toBeNull();
  });
});
