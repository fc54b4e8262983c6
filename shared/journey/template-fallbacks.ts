/**
 * Which outputs of a parsed Liquid template may print a gap: a value of a person or event (e.g.
 * `user.first_name`) printed with no `default`, outside any `{% if %}` that checks it. Read from
 * liquidjs's parse tree rather than the source text, so every spelling counts the same:
 * `user['first_name']`, a copy made with `{% assign %}`, and a guarded `{% if user.first_name %}`
 * (which needs no fallback).
 */

/** The parts of liquidjs's parse tree this reads (its classes are not exported as types). */
interface Token {
  constructor: { name: string };
  content?: unknown;
  operator?: string;
  props?: Token[];
}
interface ValueNode {
  initial?: { postfix?: Token[] };
  filters?: { name: string }[];
}
interface TemplateNode {
  constructor: { name: string };
  name?: string;
  value?: ValueNode;
  key?: string;
  branches?: { value?: ValueNode; templates?: TemplateNode[] }[];
  templates?: TemplateNode[];
  elseTemplates?: TemplateNode[];
}

/**
 * The dotted path of a plain property read (`user.first_name`, `user['first_name']`,
 * `user.items[0]`), or undefined for anything else (a literal, a computed key).
 */
function pathOf(token: Token | undefined): string | undefined {
  if (token?.constructor.name !== 'PropertyAccessToken' || !token.props || token.props.length === 0) return undefined;
  const parts: string[] = [];
  for (const prop of token.props) {
    const kind = prop.constructor.name;
    if (kind === 'IdentifierToken' || kind === 'QuotedToken') parts.push(String(prop.content));
    else if (kind === 'NumberToken') parts.push(`[${String(prop.content)}]`);
    else return undefined;
  }
  return parts.reduce(
    (path, part) => (path === '' ? part : part.startsWith('[') ? `${path}${part}` : `${path}.${part}`),
    '',
  );
}

/** The single path a value reads, when it is nothing but that path (filters aside). */
const valuePath = (value: ValueNode | undefined) => {
  const postfix = value?.initial?.postfix ?? [];
  return postfix.length === 1 ? pathOf(postfix[0]) : undefined;
};

const hasDefault = (value: ValueNode | undefined) => (value?.filters ?? []).some((f) => f.name === 'default');

/** Paths a condition makes sure of in its true branch: `a`, `a and b`, `a != blank`, `a != nil`, `a != ""`. */
function guardedBy(value: ValueNode | undefined): string[] {
  const postfix = value?.initial?.postfix ?? [];
  const only = (kinds: string[]) => postfix.every((t) => kinds.includes(t.constructor.name));
  if (postfix.length > 0 && only(['PropertyAccessToken', 'OperatorToken'])) {
    if (postfix.some((t) => t.constructor.name === 'OperatorToken' && t.operator !== 'and')) return [];
    return postfix.flatMap((t) => pathOf(t) ?? []);
  }
  if (postfix.length === 3 && postfix[2]?.operator === '!=') {
    const path = pathOf(postfix[0]);
    const kind = postfix[1]?.constructor.name;
    const empty = kind === 'LiteralToken' || (kind === 'QuotedToken' && postfix[1]?.content === '');
    return path && empty ? [path] : [];
  }
  return [];
}

export interface FallbackContext {
  /** Whether a path may be missing for some person (its root is a person's or event's data). */
  mayBeMissing(path: string): boolean;
}

/**
 * The paths printed where they may be missing, each once, in the order they first appear; an
 * assigned copy is reported as the path it copies.
 * @example missingFallbacks(liquid.parse('Hi {{ user.first_name }}'), ctx) // ['user.first_name']
 */
export function missingFallbacks(templates: readonly unknown[], context: FallbackContext): string[] {
  const found = new Set<string>();
  /** Local names (assign, capture) that hold a value that may be missing: name → the path it copies. */
  const copies = new Map<string, string>();
  const walk = (nodes: readonly TemplateNode[], guarded: ReadonlySet<string>) => {
    for (const node of nodes) {
      const kind = node.constructor.name;
      if (kind === 'Output') {
        const path = valuePath(node.value);
        if (!path || hasDefault(node.value) || guarded.has(path)) continue;
        const copied = copies.get(path.split(/[.[]/)[0] ?? path);
        const source = copied ?? path;
        if (copied === undefined && !context.mayBeMissing(path)) continue;
        if (!guarded.has(source)) found.add(source);
        continue;
      }
      if (kind === 'AssignTag' && node.key) {
        const path = valuePath(node.value);
        if (path && !hasDefault(node.value) && context.mayBeMissing(path) && !guarded.has(path)) {
          copies.set(node.key, copies.get(path) ?? path);
        } else copies.delete(node.key);
        continue;
      }
      if (kind === 'IfTag' || kind === 'UnlessTag') {
        const branches = node.branches ?? [];
        branches.forEach((branch, index) => {
          // `if X`: X is sure inside; `unless X`: X is sure in its else.
          const sure = kind === 'IfTag' ? guardedBy(branch.value) : [];
          walk(branch.templates ?? [], new Set([...guarded, ...sure]));
          if (kind === 'UnlessTag' && index === 0) {
            walk(node.elseTemplates ?? [], new Set([...guarded, ...guardedBy(branch.value)]));
          }
        });
        if (kind === 'IfTag') walk(node.elseTemplates ?? [], guarded);
        continue;
      }
      for (const branch of node.branches ?? []) walk(branch.templates ?? [], guarded);
      walk(node.templates ?? [], guarded);
      walk(node.elseTemplates ?? [], guarded);
    }
  };
  walk(templates as TemplateNode[], new Set());
  return [...found];
}
