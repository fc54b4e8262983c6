export type CsvCell = string | number | boolean | null | undefined;

/** Text a spreadsheet would run as a formula when opened (CSV injection): shown as text instead. */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) || text.trim() !== text ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 CSV with a header line and CRLF line ends; empty cells for null. Every table the app
 * exports goes through here, so the Metrics view's download and `dripagent report … --csv` match.
 * @example toCsv(['key', 'started'], [['all', 3]]) // 'key,started\r\nall,3\r\n'
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => `${row.map(cell).join(',')}\r\n`).join('');
}
