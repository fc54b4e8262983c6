import type { ForecastResult } from '../../../shared/api/backtest';
import { toCsv } from '../../../shared/metrics/csv';

/**
 * The forecast as CSV (RFC 4180, CRLF): one row per day and email step, with the expected count
 * and the upper bound.
 * @example forecastCsv(result).split('\r\n')[0] // 'day,journey_id,journey,email_node,email,expected,upper_bound'
 */
export function forecastCsv(result: ForecastResult): string {
  const names = new Map(result.emails.map((e) => [`${e.journeyId}\u0000${e.nodeId}`, e]));
  const rows = result.emails_per_day.map((r) => {
    const named = names.get(`${r.journeyId}\u0000${r.nodeId}`);
    return [r.day, r.journeyId, named?.journey ?? r.journeyId, r.nodeId, named?.title ?? r.nodeId, r.expected, r.upper];
  });
  return toCsv(['day', 'journey_id', 'journey', 'email_node', 'email', 'expected', 'upper_bound'], rows);
}
