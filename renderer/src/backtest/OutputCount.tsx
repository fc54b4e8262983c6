import { memo } from 'react';
import { useAppStore } from '../store/context';
import { outputCounts } from './outputCounts';
import { selectShownBacktest } from './selectors';

/** Beside an output's label ("timed out"), while a backtest is shown: how many people left that way. */
export const OutputCount = memo(function OutputCount({ nodeId, output }: { nodeId: string; output: string }) {
  const count = useAppStore((state) => {
    const shown = selectShownBacktest(state);
    const edges = state.editor?.journey.edges;
    return shown && edges ? outputCounts(shown.draft, edges).get(`${nodeId}\u0000${output}`) : undefined;
  });
  if (count === undefined) return null;
  return (
    <span className="output-count" data-testid={`output-count-${nodeId}-${output}`} data-count={count}>
      {count.toLocaleString()}
    </span>
  );
});
