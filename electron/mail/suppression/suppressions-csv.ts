import type { Suppression, SuppressionsRepo } from '../../store/suppressions-repo';

const HEADER = ['address', 'user_id', 'reason', 'source', 'detail', 'at'];

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula gets a leading apostrophe. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const row = (s: Suppression) =>
  [s.address, s.userId ?? '', s.reason, s.source, s.detail, new Date(s.at).toISOString()].map(cell).join(',');

/**
 * Every suppression as CSV, newest first, read row by row.
 * @example suppressionsCsv(store.suppressions) // { csv: 'address,user_id,…\r\nann@example.com,ann,bounced,…', count: 1 }
 */
export function suppressionsCsv(repo: Pick<SuppressionsRepo, 'each'>): { csv: string; count: number } {
  const lines = [HEADER.join(',')];
  repo.each((s) => lines.push(row(s)));
  return { csv: `${lines.join('\r\n')}\r\n`, count: lines.length - 1 };
}
