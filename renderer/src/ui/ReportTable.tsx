import './reports.css';
import type { ReactNode } from 'react';
import { ReportCard } from './ReportCard';

/**
 * A table of report numbers with a "Download CSV" button. The CSV is made by the caller from the
 * same numbers (shared/metrics/csv.ts), so the file and the screen always agree.
 */
export function ReportTable({
  title,
  description,
  header,
  rows,
  csv,
  fileName,
  testId,
  empty = 'Nothing to show for this period.',
}: {
  title: string;
  description?: ReactNode;
  header: readonly string[];
  rows: readonly (readonly ReactNode[])[];
  csv: () => string;
  fileName: string;
  testId: string;
  empty?: string;
}) {
  return (
    <ReportCard title={title} description={description} csv={csv} fileName={fileName} testId={testId}>
      {rows.length === 0 ? (
        <p className="panel-message report-card__empty">{empty}</p>
      ) : (
        <div className="report-table__scroll">
          <table className="report-table">
            <thead>
              <tr>
                {header.map((h, i) => (
                  <th key={h} scope="col" className={i === 0 ? undefined : 'report-table__number'}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are shown in the report's order.
                <tr key={r}>
                  {row.map((cell, c) =>
                    c === 0 ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells follow the header.
                      <th key={c} scope="row">
                        {cell}
                      </th>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells follow the header.
                      <td key={c} className="report-table__number">
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ReportCard>
  );
}
