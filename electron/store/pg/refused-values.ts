/**
 * PostgreSQL's "data exception" errors (class 22): a value it will not store or compare, such as
 * a NUL character in text (SQLite takes one) or a number out of range. The request's values are at
 * fault, not the host: callers answer 400 naming the problem.
 * @returns the database's words for it, or undefined for any other failure
 */
export function refusedValue(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('22')) return undefined;
  return `the database does not accept a value given (${(error as Error).message})`;
}
