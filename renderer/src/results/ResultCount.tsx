import './results.css';
import { memo } from 'react';
import { useAppStore } from '../store/context';

/**
 * While the Results tab is open: how many people reached this step in the chosen period, on the
 * card's top edge (left: the live count keeps the right).
 */
export const ResultCount = memo(function ResultCount({ nodeId }: { nodeId: string }) {
  const reached = useAppStore((state) =>
    state.panel === 'results' && state.journeyResults?.journey.id === state.editor?.journeyId
      ? (state.journeyResults?.nodes.find((n) => n.nodeId === nodeId)?.reached ?? 0)
      : undefined,
  );
  if (reached === undefined) return null;
  const label = `${reached.toLocaleString('en-US')} reached this step in the period`;
  return (
    <span className="result-count" data-testid={`result-count-${nodeId}`} data-count={reached} title={label}>
      {reached.toLocaleString('en-US')}
      <span className="visually-hidden"> reached this step in the period</span>
    </span>
  );
});
