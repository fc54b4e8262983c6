/**
 * Whether a trait or property name can be read with SQLite's JSON path `$."name"`: a double quote
 * would end the quoted key, and a backslash or a control character (NUL…) makes the path invalid,
 * so names with any of them are refused where they come in (the API, `--by`) and skipped where
 * they come from journeys.
 */
export function isQuotableName(name: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
  return name.trim() !== '' && !/["\\\u0000-\u001f\u007f]/.test(name);
}
