/** Where a value is refused, and why. */
export interface ShapeProblem {
  field: string;
  message: string;
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (text: string) => !LONE_SURROGATE.test(text);

const joinPath = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;

/**
 * The first thing in a value (a tracked event, an API call's arguments) that cannot be taken as
 * sent: nesting deeper than `maxDepth`, or a string or key with a lone UTF-16 surrogate (SQLite
 * would store U+FFFD instead, so two different ids could become one). Walks the value without
 * recursion, before anything that recurses (zod, a hash) does: a 5,000-deep value is refused with
 * its field named instead of overflowing the stack.
 * @example checkInputShape({ userId: 'a\ud800' }, 32) // { field: 'userId', message: 'contains an unpaired UTF-16 surrogate …' }
 */
export function checkInputShape(input: unknown, maxDepth: number): ShapeProblem | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof value === 'string') {
      if (!wellFormed(value)) return unpaired(path || '(root)');
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) {
      return { field: path || '(root)', message: `is nested more than ${maxDepth} levels deep` };
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        stack.push({ value: item, path: joinPath(path, index), depth: depth + 1 });
      });
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (!wellFormed(key)) return unpaired(joinPath(path, key.replace(LONE_SURROGATE, '\uFFFD')));
      stack.push({ value: item, path: joinPath(path, key), depth: depth + 1 });
    }
  }
  return undefined;
}

function unpaired(field: string): ShapeProblem {
  return { field, message: 'contains an unpaired UTF-16 surrogate (not valid Unicode text)' };
}
