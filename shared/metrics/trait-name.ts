/**
 * Whether a trait or property name can be read with SQLite's JSON path `$."name"`: a double quote
 * would end the quoted key and a backslash makes the path invalid, so names with either are
 * refused where they come in (the API, `--by`) and skipped where they come from journeys.
 */
export function isQuotableName(name: string): boolean {
  return name.trim() !== '' && !name.includes('"') && !name.includes('\\');
}
