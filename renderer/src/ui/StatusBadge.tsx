import './StatusBadge.css';
import type { JourneyStatus } from '../../../shared/api';

const LABELS: Record<JourneyStatus, string> = { draft: 'Draft', live: 'Live', paused: 'Paused' };

export function StatusBadge({ status }: { status: JourneyStatus }) {
  return (
    <span className={`status-badge status-badge--${status}`} data-testid="status-badge">
      {LABELS[status]}
    </span>
  );
}
