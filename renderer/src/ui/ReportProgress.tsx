import './reports.css';

/** A report under way: a bar when the host says how far along it is, else a quiet line. */
export function ReportProgress({
  progress,
  label,
}: {
  progress: { done: number; total: number } | null;
  label: string;
}) {
  const share = progress && progress.total > 0 ? progress.done / progress.total : null;
  return (
    <div className="report-progress" data-testid="report-progress">
      <span>{label}</span>
      <div
        className={`report-progress__track${share === null ? ' report-progress__track--busy' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={share === null ? undefined : Math.round(share * 100)}
      >
        <div
          className="report-progress__fill"
          style={{ width: `${share === null ? 35 : Math.max(3, share * 100)}%` }}
        />
      </div>
      {progress && (
        <span className="report-progress__count">
          {progress.done.toLocaleString('en-US')} of {progress.total.toLocaleString('en-US')} users
        </span>
      )}
    </div>
  );
}
