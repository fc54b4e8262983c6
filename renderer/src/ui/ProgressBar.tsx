import './ProgressBar.css';

/**
 * How far a long job has come (people replayed of all), or a moving bar before the first report;
 * with `onCancel`, a Cancel button beside it.
 */
export function ProgressBar({
  progress,
  label,
  testId,
  onCancel,
  cancelTestId,
}: {
  progress: { done: number; total: number } | null;
  label: string;
  testId: string;
  onCancel?: () => void;
  cancelTestId?: string;
}) {
  const percent =
    progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
  const bar = (
    <div
      className={`progress${percent === null ? ' progress--waiting' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      {...(percent !== null ? { 'aria-valuenow': percent } : {})}
      data-testid={testId}
    >
      <span className="progress__bar" style={percent !== null ? { width: `${percent}%` } : undefined} />
      <span className="progress__text">
        {progress ? `${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}` : 'Starting…'}
      </span>
    </div>
  );
  if (!onCancel) return bar;
  return (
    <>
      {bar}
      <button type="button" className="button button--small" data-testid={cancelTestId} onClick={onCancel}>
        Cancel
      </button>
    </>
  );
}
