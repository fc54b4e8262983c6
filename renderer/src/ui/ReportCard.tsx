import './reports.css';
import type { ReactNode } from 'react';
import { downloadText } from './download';

/** A titled block of report numbers with a "Download CSV" of them (made from the same numbers). */
export function ReportCard({
  title,
  description,
  csv,
  fileName,
  testId,
  children,
}: {
  title: string;
  description?: ReactNode;
  csv: () => string;
  fileName: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <section className="report-card" data-testid={testId} aria-label={title}>
      <header className="report-card__header">
        <div>
          <h2 className="report-card__title">{title}</h2>
          {description && <p className="report-card__description">{description}</p>}
        </div>
        <button
          type="button"
          className="button button--small"
          data-testid={`${testId}-csv`}
          onClick={() => downloadText(fileName, csv(), 'text/csv')}
        >
          Download CSV
        </button>
      </header>
      {children}
    </section>
  );
}
