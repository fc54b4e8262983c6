/**
 * The breakdown key of a trait or property value: text as it is, numbers and booleans as text,
 * null for nothing (the report shows those users as `(none)`).
 * @example groupKeyOf('engineer') // 'engineer'
 */
export function groupKeyOf(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
