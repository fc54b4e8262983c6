import type { TemplateContext } from './template';

/**
 * Compiles the Liquid that journeys actually use into plain closures. liquidjs interprets its parse
 * tree through generators on every render, which made template rendering the biggest CPU cost of
 * the live scheduler; a compiled template is string concatenation.
 *
 * The subset, with liquidjs 10.30's exact semantics (parsing included: blanks, whitespace control):
 * text; `{{ value | filter: arg, … }}`; `if`/`elsif`/`else`, `unless` and `case`/`when`/`else` tags.
 * Values are paths (`user.name`, `a["b"]`, `a[0]`, including `size`/`first`/`last`), quoted strings
 * without backslashes, numbers and true/false, joined by `==`, `!=`, `and`, `or`. Filters: default
 * (with allow_false), json, jsonify, upcase, downcase, capitalize, strip, escape, append, prepend, raw.
 *
 * compileTemplate returns null for anything else, and the caller renders with liquidjs (which also
 * reports syntax errors). A compiled template throws when it meets a value that is not plain data
 * (a Drop, a function, a class instance), and the caller re-renders with liquidjs: either way the
 * output is liquidjs's, byte for byte.
 */

/** Renders one template; throws when the context holds values the subset does not cover. */
export type CompiledTemplate = (context: TemplateContext) => string;

type Scope = Record<string, unknown>;
type Eval = (scope: Scope) => unknown;
type Render = (scope: Scope) => string;

/** Compiles a Liquid source, or returns null when it uses anything outside the subset. */
export function compileTemplate(source: string, escapeHtml: boolean): CompiledTemplate | null {
  try {
    const tokens = tokenize(source);
    const parser = new Parser(source, tokens, escapeHtml);
    const { body, end } = parser.block([]);
    if (end) return null;
    return body as unknown as CompiledTemplate;
  } catch {
    return null;
  }
}

class Unsupported extends Error {}
function unsupported(): never {
  throw new Unsupported();
}

/** Render-time signal: the value could behave differently in liquidjs, so let liquidjs render. */
const OUTSIDE_PLAIN_DATA = new Error('template value outside plain data');

// ---------------------------------------------------------------------------------------------
// Characters, as liquidjs classifies them.

const WIDE_BLANKS = new Set([
  160, 5760, 6158, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288,
]);
const ASCII_WORD = /[-0-9?A-Za-z_]/;

function isBlank(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || (code >= 128 && WIDE_BLANKS.has(code));
}

function isWord(code: number): boolean {
  if (code >= 128) return !WIDE_BLANKS.has(code) && code !== 8220 && code !== 8221;
  return code >= 0 && ASCII_WORD.test(String.fromCharCode(code));
}

// ---------------------------------------------------------------------------------------------
// Tokens: the same top-level split and whitespace control as liquidjs's Tokenizer.

interface TextToken {
  kind: 'text';
  begin: number;
  end: number;
  trimStart: number;
  trimEnd: number;
}

interface DelimitedToken {
  kind: 'output' | 'tag';
  /** The tag name; '' for outputs. */
  name: string;
  /** Expression (outputs) or arguments (tags), blanks trimmed. */
  from: number;
  to: number;
  trimLeft: boolean;
  trimRight: boolean;
}

type Token = TextToken | DelimitedToken;

const TAGS = new Set(['if', 'elsif', 'else', 'endif', 'unless', 'endunless', 'case', 'when', 'endcase']);

function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let p = 0;
  while (p < s.length) {
    let end: number;
    if (s.startsWith('{%', p)) {
      const close = s.indexOf('%}', p + 1);
      if (close < 0) unsupported();
      end = close + 2;
      tokens.push(delimited(s, 'tag', p, end));
    } else if (s.startsWith('{{', p)) {
      end = outputEnd(s, p);
      tokens.push(delimited(s, 'output', p, end));
    } else {
      const tag = s.indexOf('{%', p);
      const output = s.indexOf('{{', p);
      end = tag < 0 ? (output < 0 ? s.length : output) : output < 0 ? tag : Math.min(tag, output);
      tokens.push({ kind: 'text', begin: p, end, trimStart: 0, trimEnd: 0 });
    }
    p = end;
  }
  // Greedy whitespace control: `{{-` / `{%-` trim the text before, `-}}` / `-%}` the text after.
  tokens.forEach((token, i) => {
    if (token.kind === 'text') return;
    const before = tokens[i - 1];
    if (token.trimLeft && before?.kind === 'text') {
      while (isBlank(s.charCodeAt(before.end - 1 - before.trimEnd))) before.trimEnd++;
    }
    const after = tokens[i + 1];
    if (token.trimRight && after?.kind === 'text') {
      while (isBlank(s.charCodeAt(after.begin + after.trimStart))) after.trimStart++;
      if (s.charAt(after.begin + after.trimStart) === '\n') after.trimStart++;
    }
  });
  return tokens;
}

/** Where `{{ … }}` ends: the first `}}` outside a quoted string. */
function outputEnd(s: string, begin: number): number {
  let i = begin + 2;
  while (i < s.length) {
    const c = s[i];
    if (c === '"' || c === "'") {
      const close = s.indexOf(c, i + 1);
      // Backslash escapes change where a string ends; leave those to liquidjs.
      if (close < 0 || s.slice(i + 1, close).includes('\\')) unsupported();
      i = close + 1;
    } else if (c === '}' && s[i + 1] === '}') {
      return i + 2;
    } else {
      i++;
    }
  }
  return unsupported();
}

function delimited(s: string, kind: 'output' | 'tag', begin: number, end: number): DelimitedToken {
  const contentBegin = begin + 2;
  const contentEnd = end - 2;
  const trimLeft = s[contentBegin] === '-';
  const trimRight = s[contentEnd - 1] === '-';
  let from = trimLeft ? contentBegin + 1 : contentBegin;
  let to = trimRight ? contentEnd - 1 : contentEnd;
  while (from < to && isBlank(s.charCodeAt(from))) from++;
  while (to > from && isBlank(s.charCodeAt(to - 1))) to--;
  if (from >= to) unsupported();
  let name = '';
  if (kind === 'tag') {
    const cursor = new Cursor(s, from, to);
    name = cursor.word();
    if (!TAGS.has(name)) unsupported();
    cursor.skipBlank();
    from = cursor.p;
  }
  return { kind, name, from, to, trimLeft, trimRight };
}

class Cursor {
  constructor(
    readonly s: string,
    public p: number,
    readonly n: number,
  ) {}
  end(): boolean {
    return this.p >= this.n;
  }
  /** The character at p + k, or '' past the end. */
  ch(k = 0): string {
    return this.p + k < this.n ? (this.s[this.p + k] ?? '') : '';
  }
  code(k = 0): number {
    return this.p + k < this.n ? this.s.charCodeAt(this.p + k) : Number.NaN;
  }
  skipBlank(): void {
    while (isBlank(this.code())) this.p++;
  }
  word(): string {
    const begin = this.p;
    while (isWord(this.code())) this.p++;
    return this.s.slice(begin, this.p);
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing tokens into closures.

interface Branch {
  test: Eval;
  /** Renders the body when truthy(test) equals this (false for `unless`). */
  when: boolean;
  body: Render;
}

class Parser {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly tokens: Token[],
    private readonly escapeOutputs: boolean,
  ) {}

  /** Parses until one of the `ends` tags, which it returns; with no `ends`, to the end of input. */
  block(ends: readonly string[]): { body: Render; end: DelimitedToken | undefined } {
    const parts: (string | Render)[] = [];
    for (let token = this.tokens[this.i++]; token; token = this.tokens[this.i++]) {
      if (token.kind === 'text') {
        const text = this.s.slice(token.begin + token.trimStart, token.end - token.trimEnd);
        if (text) parts.push(text);
      } else if (token.kind === 'output') {
        parts.push(this.output(token));
      } else if (ends.includes(token.name)) {
        return { body: concat(parts), end: token };
      } else if (token.name === 'if' || token.name === 'unless') {
        parts.push(this.ifTag(token));
      } else if (token.name === 'case') {
        parts.push(this.caseTag(token));
      } else {
        unsupported();
      }
    }
    if (ends.length) unsupported(); // not closed
    return { body: concat(parts), end: undefined };
  }

  private closed(ends: readonly string[]): { body: Render; end: DelimitedToken } {
    const { body, end } = this.block(ends);
    return end ? { body, end } : unsupported();
  }

  private output(token: DelimitedToken): Render {
    const { value, raw } = this.filtered(token);
    if (this.escapeOutputs && !raw) return (scope) => escapeHtml(str(value(scope)));
    return (scope) => str(value(scope));
  }

  private ifTag(token: DelimitedToken): Render {
    const endName = token.name === 'if' ? 'endif' : 'endunless';
    const branches: Branch[] = [];
    let branch: Omit<Branch, 'body'> | undefined = { test: this.filtered(token).value, when: token.name === 'if' };
    let otherwise: Render | undefined;
    for (;;) {
      const { body, end } = this.closed(['elsif', 'else', endName]);
      if (branch) branches.push({ ...branch, body });
      else otherwise = body;
      if (end.name !== 'elsif' && end.from < end.to) unsupported(); // `else`/`end…` take no arguments
      if (end.name === endName) break;
      if (!branch) unsupported(); // elsif or else after else
      branch = end.name === 'elsif' ? { test: this.filtered(end).value, when: true } : undefined;
    }
    return (scope) => {
      for (const { test, when, body } of branches) if (truthy(test(scope)) === when) return body(scope);
      return otherwise ? otherwise(scope) : '';
    };
  }

  private caseTag(token: DelimitedToken): Render {
    const target = this.filtered(token).value;
    const ends = ['when', 'else', 'endcase'];
    // liquidjs drops whatever comes before the first `when`.
    let { end } = this.closed(ends);
    const branches: { values: Eval[]; body: Render }[] = [];
    let otherwise: Render | undefined;
    while (end.name !== 'endcase') {
      if (otherwise) unsupported(); // when or else after else
      const values = end.name === 'when' ? this.whenValues(end) : undefined;
      if (!values && end.from < end.to) unsupported();
      const next = this.closed(ends);
      if (values) branches.push({ values, body: next.body });
      else otherwise = next.body;
      end = next.end;
    }
    if (end.from < end.to) unsupported();
    return (scope) => {
      const value = target(scope);
      let out = '';
      let hit = false;
      for (const { values, body } of branches) {
        for (const candidate of values) {
          if (equals(value, candidate(scope))) {
            out += body(scope);
            hit = true;
            break;
          }
        }
      }
      return hit ? out : otherwise ? otherwise(scope) : '';
    };
  }

  /** `when a, b or c` */
  private whenValues(token: DelimitedToken): Eval[] {
    const cursor = new Cursor(this.s, token.from, token.to);
    const values: Eval[] = [];
    for (;;) {
      values.push(operand(cursor));
      cursor.skipBlank();
      if (cursor.end()) return values;
      if (cursor.ch() === ',') cursor.p++;
      else if (cursor.ch() === 'o' && cursor.ch(1) === 'r' && isBlank(cursor.code(2))) cursor.p += 2;
      else unsupported();
      cursor.skipBlank();
      if (cursor.end()) unsupported();
    }
  }

  /** An expression with filters, filling the whole token. */
  private filtered(token: DelimitedToken): { value: Eval; raw: boolean } {
    const cursor = new Cursor(this.s, token.from, token.to);
    let value = expression(cursor);
    let raw = false;
    for (;;) {
      cursor.skipBlank();
      if (cursor.end()) return { value, raw };
      if (cursor.ch() !== '|') unsupported();
      cursor.p++;
      cursor.skipBlank();
      const name = cursor.word();
      cursor.skipBlank();
      const args: FilterArg[] = [];
      if (cursor.ch() === ':') {
        do {
          cursor.p++;
          args.push(filterArg(cursor));
          cursor.skipBlank();
        } while (cursor.ch() === ',');
      }
      if (!cursor.end() && cursor.ch() !== '|') unsupported();
      value = filter(name, value, args);
      raw = name === 'raw';
    }
  }
}

function concat(parts: (string | Render)[]): Render {
  if (parts.length === 0) return () => '';
  const [only] = parts;
  if (parts.length === 1 && only !== undefined) return typeof only === 'string' ? () => only : only;
  return (scope) => {
    let out = '';
    for (const part of parts) out += typeof part === 'string' ? part : part(scope);
    return out;
  };
}

// ---------------------------------------------------------------------------------------------
// Expressions: operands joined by == != and or, with liquidjs's precedence and associativity.

const PRECEDENCE: Record<string, number> = { '==': 2, '!=': 2, and: 0, or: 0 };
const LITERALS = new Set(['true', 'false', 'nil', 'null', 'empty', 'blank']);
const WORD_OPERATORS = new Set(['and', 'or', 'not', 'contains']);

function expression(cursor: Cursor): Eval {
  const operands = [operand(cursor)];
  const operators: string[] = [];
  for (;;) {
    cursor.skipBlank();
    const op = operator(cursor);
    if (!op) break;
    operators.push(op);
    operands.push(operand(cursor));
  }
  // liquidjs's shunting-yard: pop only strictly higher precedence, so equal ones group to the right.
  const rank = (op: string | undefined): number => PRECEDENCE[op ?? ''] ?? -1;
  const output: (Eval | string)[] = [];
  const stack: string[] = [];
  operands.forEach((value, k) => {
    const op = operators[k - 1];
    if (op) {
      while (rank(stack.at(-1)) > rank(op)) output.push(stack.pop() as string);
      stack.push(op);
    }
    output.push(value);
  });
  output.push(...stack.reverse());
  const values: Eval[] = [];
  for (const item of output) {
    if (typeof item !== 'string') {
      values.push(item);
      continue;
    }
    const right = values.pop();
    const left = values.pop();
    if (!left || !right) unsupported();
    values.push(binary(item, left, right));
  }
  const [result] = values;
  return values.length === 1 && result ? result : unsupported();
}

function operator(cursor: Cursor): string | undefined {
  const c = cursor.ch();
  if (cursor.end() || c === '|') return undefined;
  if ((c === '=' || c === '!') && cursor.ch(1) === '=') {
    cursor.p += 2;
    return `${c}=`;
  }
  const word = cursor.word();
  if (word === 'and' || word === 'or') return word;
  return unsupported();
}

function binary(op: string, left: Eval, right: Eval): Eval {
  // Both sides are always evaluated, as liquidjs does.
  switch (op) {
    case '==':
      return (scope) => equals(left(scope), right(scope));
    case '!=':
      return (scope) => !equals(left(scope), right(scope));
    case 'and':
      return (scope) => {
        const l = left(scope);
        const r = right(scope);
        return truthy(l) && truthy(r);
      };
    default:
      return (scope) => {
        const l = left(scope);
        const r = right(scope);
        return truthy(l) || truthy(r);
      };
  }
}

/** One value: a path, a quoted string, a number, true or false. */
function operand(cursor: Cursor): Eval {
  cursor.skipBlank();
  const c = cursor.ch();
  let value: unknown;
  if (c === '"' || c === "'") {
    value = quoted(cursor);
  } else if (/[-+0-9]/.test(c)) {
    value = number(cursor);
  } else if (/[A-Za-z_]/.test(c)) {
    const word = cursor.word();
    if (WORD_OPERATORS.has(word)) unsupported();
    if (LITERALS.has(word)) {
      if (word !== 'true' && word !== 'false') unsupported(); // nil/empty/blank are drops
      value = word === 'true';
    } else {
      return path(cursor, word);
    }
  } else {
    unsupported();
  }
  // liquidjs would read `"x".size` or `1[0]` as a property of the literal.
  if (cursor.ch() === '.' || cursor.ch() === '[') unsupported();
  return () => value;
}

function quoted(cursor: Cursor): string {
  const quote = cursor.ch();
  const close = cursor.s.indexOf(quote, cursor.p + 1);
  if (close < 0 || close >= cursor.n) unsupported();
  const text = cursor.s.slice(cursor.p + 1, close);
  if (text.includes('\\')) unsupported();
  cursor.p = close + 1;
  return text;
}

function number(cursor: Cursor): number {
  const match = /^[-+]?[0-9]+(\.[0-9]+)?/.exec(cursor.s.slice(cursor.p, cursor.n));
  if (!match) return unsupported();
  cursor.p += match[0].length;
  if (isWord(cursor.code()) || cursor.ch() === '.') unsupported();
  return Number(match[0]);
}

function path(cursor: Cursor, root: string): Eval {
  const keys: (string | number)[] = [];
  for (;;) {
    if (cursor.ch() === '.') {
      if (cursor.ch(1) === '.') unsupported();
      cursor.p++;
      const key = cursor.word();
      if (!key) unsupported();
      keys.push(key);
    } else if (cursor.ch() === '[') {
      cursor.p++;
      cursor.skipBlank();
      const c = cursor.ch();
      keys.push(c === '"' || c === "'" ? quoted(cursor) : number(cursor));
      cursor.skipBlank();
      if (cursor.ch() !== ']') unsupported();
      cursor.p++;
    } else {
      break;
    }
  }
  const lookup = (scope: Scope): unknown => prop(root in scope ? scope : GLOBALS, root);
  const [first, second] = keys;
  if (first === undefined) return lookup;
  if (second === undefined) return (scope) => prop(lookup(scope), first);
  return (scope) => {
    let value = lookup(scope);
    for (const key of keys) value = prop(value, key);
    return value;
  };
}

// ---------------------------------------------------------------------------------------------
// Filters.

interface FilterArg {
  /** Set for keyword arguments (`allow_false: true`). */
  key?: string;
  value: Eval;
}

function filterArg(cursor: Cursor): FilterArg {
  cursor.skipBlank();
  const begin = cursor.p;
  const value = operand(cursor);
  const text = cursor.s.slice(begin, cursor.p);
  cursor.skipBlank();
  if (cursor.ch() !== ':') return { value };
  cursor.p++;
  return { key: text, value: operand(cursor) };
}

const keep = (_key: string, value: unknown): unknown => value;

const STRING_FILTERS: Record<string, (text: string) => string> = {
  upcase: (text) => text.toUpperCase(),
  downcase: (text) => text.toLowerCase(),
  capitalize: (text) => text.charAt(0).toUpperCase() + text.slice(1).toLowerCase(),
  strip: (text) => text.trim(),
  escape: escapeHtml,
};

function filter(name: string, input: Eval, args: FilterArg[]): Eval {
  const [first, second, ...rest] = args;
  if (args.some((arg, k) => arg.key !== undefined && !(name === 'default' && k === 1))) unsupported();
  if (name === 'default' && first && !rest.length && (!second || second.key === 'allow_false')) {
    const fallback = first.value;
    const allowFalse = second?.value;
    return (scope) => {
      const value = input(scope);
      const otherwise = fallback(scope);
      const allow = allowFalse ? allowFalse(scope) : undefined;
      if (typeof value === 'string' || isArray(value)) return (value as string | unknown[]).length ? value : otherwise;
      if (value === false && allow) return false;
      return truthy(value) ? value : otherwise;
    };
  }
  if ((name === 'append' || name === 'prepend') && first && !second) {
    const other = first.value;
    return name === 'append'
      ? (scope) => {
          const value = input(scope);
          return str(value) + str(other(scope));
        }
      : (scope) => {
          const value = input(scope);
          return str(other(scope)) + str(value);
        };
  }
  if (args.length) unsupported();
  if (name === 'json' || name === 'jsonify') return (scope) => JSON.stringify(input(scope), keep, 0);
  if (name === 'raw') return input;
  const transform = Object.hasOwn(STRING_FILTERS, name) ? STRING_FILTERS[name] : undefined;
  if (!transform) return unsupported();
  return (scope) => transform(str(input(scope)));
}

// ---------------------------------------------------------------------------------------------
// Values, mirroring liquidjs's Context.readProperty, stringify, equals and isTruthy for plain data.

/** liquidjs's default `globals`, where roots missing from the context are looked up. */
const GLOBALS: Scope = {};
const hasOwn = Object.prototype.hasOwnProperty;
const toTag = Object.prototype.toString;

function isArray(value: unknown): value is unknown[] {
  return typeof value === 'object' && value !== null && toTag.call(value) === '[object Array]';
}

/** Plain objects, arrays and Dates behave alike here and in liquidjs; anything else may be a Drop. */
function checkPlain(value: object): void {
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null && proto !== Date.prototype)
    throw OUTSIDE_PLAIN_DATA;
}

/** A value as read by a path: liquidjs calls functions, and runs a value that looks like an iterator. */
function checked(value: unknown): unknown {
  if (typeof value === 'object' && value !== null) {
    checkPlain(value);
    if (typeof (value as { next?: unknown }).next === 'function') throw OUTSIDE_PLAIN_DATA;
  } else if (typeof value === 'function') {
    throw OUTSIDE_PLAIN_DATA;
  }
  return value;
}

function prop(target: unknown, key: string | number): unknown {
  if (target === undefined || target === null) return target;
  if (typeof target === 'object') checkPlain(target);
  else if (typeof target === 'function') throw OUTSIDE_PLAIN_DATA;
  const object = target as Record<string | number, unknown>;
  if (typeof object.toLiquid === 'function') throw OUTSIDE_PLAIN_DATA;
  if (typeof key === 'number' && isArray(object)) return checked(element(object, key));
  const value = hasOwn.call(object, key) ? object[key] : undefined;
  if (typeof value === 'function') throw OUTSIDE_PLAIN_DATA;
  if (key === 'size') return checked(size(object));
  if ((key === 'first' || key === 'last') && isArray(object)) return checked(element(object, key === 'first' ? 0 : -1));
  return checked(value);
}

function element(array: unknown[], index: number): unknown {
  const at = index < 0 ? array.length + index : index;
  return hasOwn.call(array, at) ? array[at] : undefined;
}

function size(object: Record<string | number, unknown>): unknown {
  if (hasOwn.call(object, 'size') || object.size !== undefined) return object.size;
  if (isArray(object) || typeof object === 'string') return (object as unknown[] | string).length;
  if (typeof object === 'object') return Object.keys(object).length;
  return undefined;
}

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') {
    checkPlain(value);
    if (isArray(value)) return value.map((item) => str(item)).join('');
  } else if (typeof value === 'function') {
    throw OUTSIDE_PLAIN_DATA;
  }
  return String(value);
}

function truthy(value: unknown): boolean {
  return value !== false && value !== undefined && value !== null;
}

function equals(left: unknown, right: unknown): boolean {
  if (comparable(left) || comparable(right)) throw OUTSIDE_PLAIN_DATA;
  if (isArray(left)) {
    if (!isArray(right) || left.length !== right.length) return false;
    for (let k = 0; k < left.length; k++) if (!equals(checked(left[k]), checked(right[k]))) return false;
    return true;
  }
  return left === right;
}

/** liquidjs compares through a value's own `equals` (its nil/empty/blank drops have one). */
function comparable(value: unknown): boolean {
  return value !== undefined && value !== null && typeof (value as { equals?: unknown }).equals === 'function';
}

/** liquidjs's `escape`, by char code: & < > " ' */
const ENTITIES: Record<number, string> = { 38: '&amp;', 60: '&lt;', 62: '&gt;', 34: '&#34;', 39: '&#39;' };

/** liquidjs's `escape` filter, which `outputEscape: 'escape'` applies to every output. */
function escapeHtml(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const entity = code <= 62 ? ENTITIES[code] : undefined;
    if (entity === undefined) continue;
    out += text.slice(last, i) + entity;
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}
