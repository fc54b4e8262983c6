import type { ForecastResult } from '../../../shared/api/backtest';

type Cell = string | number;

/** Text a spreadsheet would run as a formula when opened: kept as text. */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: Cell): string {
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The forecast as CSV (RFC 4180, CRLF): one row per day and email step, with the expected count
 * and the upper bound.
 * @example forecastCsv(result).split('\r\n')[0] // 'day,journey_id,journey,email_node,email,expected,upper_bound'
 */
export function forecastCsv(result: ForecastResult): string {
  const names = new Map(result.emails.map((e) => [`${e.journeyId}\u0000${e.nodeId}`, e]));
  const rows: Cell[][] = [['day', 'journey_id', 'journey', 'email_node', 'email', 'expected', 'upper_bound']];
  for (const r of result.emails_per_day) {
    const named = names.get(`${r.journeyId}\u0000${r.nodeId}`);
    rows.push([
      r.day,
      r.journeyId,
      named?.journey ?? r.journeyId,
      r.nodeId,
      named?.title ?? r.nodeId,
      r.expected,
      r.upper,
    ]);
  }
  return rows.map((row) => `${row.map(cell).join(',')}\r\n`).join('');
}
