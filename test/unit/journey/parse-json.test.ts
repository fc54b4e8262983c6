import { describe, expect, it } from 'vitest';
import { parseJsonWithLocation } from '../../../shared/journey/parse-json';

describe('parseJsonWithLocation', () => {
  it('parses valid JSON', () => {
    expect(parseJsonWithLocation('{"a": [1, 2.5e3, true, null, "x\\"y"]}')).toEqual({
      a: [1, 2500, true, null, 'x"y'],
    });
  });

  it.each([
    ['{\n  "a": oops\n}', 'Unexpected "o" at line 2, column 8'],
    ['{"a": 1,}', 'Unexpected "}" at line 1, column 9'],
    ['[1, 2', 'Unexpected end of file at line 1, column 6'],
    ['{"a": 1} x', 'Unexpected "x" at line 1, column 10'],
  ])('names the line and column of %j', (text, message) => {
    expect(() => parseJsonWithLocation(text)).toThrow(message);
  });
});
