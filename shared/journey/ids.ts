/**
 * Readable ids: made from a name ("Trial ending" → `trial-ending`) and numbered when taken
 * (`trial-ending-2`). Journeys, scenarios, nodes, edges and email templates all get their ids here.
 */

/** What is taken: a set of ids, or a question (e.g. a database lookup). */
export type TakenIds = ReadonlySet<string> | ((id: string) => boolean);

export interface FreeIdOptions {
  /** Between the base and its number: `-` (the default) or `_` (node and template ids). */
  separator?: '-' | '_';
  /** Number even the first id (`email_1`), for ids named after a node type. */
  alwaysNumber?: boolean;
}

/**
 * The first id of the form `base`, `base-2`, `base-3`… that is not taken.
 * @example freeId('happy-path', new Set(['happy-path'])) // "happy-path-2"
 * @example freeId('email', new Set(['email_1']), { separator: '_', alwaysNumber: true }) // "email_2"
 */
export function freeId(base: string, taken: TakenIds, options: FreeIdOptions = {}): string {
  const isTaken = typeof taken === 'function' ? taken : (id: string) => taken.has(id);
  const { separator = '-', alwaysNumber = false } = options;
  if (!alwaysNumber && !isTaken(base)) return base;
  for (let n = alwaysNumber ? 1 : 2; ; n++) {
    const id = `${base}${separator}${n}`;
    if (!isTaken(id)) return id;
  }
}

/**
 * A name as a lower-case id of letters, digits and single hyphens (at most 48 characters), or
 * `fallback` when the name has none of those.
 * @example slugify('Stalls before the API key!', 'scenario') // "stalls-before-the-api-key"
 */
export function slugify(name: string, fallback: string): string {
  const slug = name
    .toLowerCase()
    // Accented letters lose their accent ("déjà" → "deja") instead of splitting the word.
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug || fallback;
}

/**
 * A free id made from a name.
 * @example idFromName('Trial ending', 'journey', (id) => repo.get(id) !== undefined) // "trial-ending" or "trial-ending-2"…
 */
export function idFromName(name: string, fallback: string, taken: TakenIds): string {
  return freeId(slugify(name, fallback), taken);
}
