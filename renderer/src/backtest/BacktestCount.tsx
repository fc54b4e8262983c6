import './backtest-count.css';
import { memo } from 'react';
import type { NodeType } from '../../../shared/journey/schema';
import { useAppStore } from '../store/context';
import { nodeCount } from './nodeCounts';
import { selectBacktestStale, selectShownBacktest } from './selectors';

/**
 * On a canvas card while a backtest is shown: how many emails this step sent (or people reached,
 * entered, left) in the period, and how that differs from the live version.
 */
export const BacktestCount = memo(function BacktestCount({ nodeId, type }: { nodeId: string; type: NodeType }) {
  const shown = useAppStore(selectShownBacktest);
  const stale = useAppStore(selectBacktestStale);
  if (!shown) return null;
  const count = nodeCount(shown.draft, nodeId, type);
  if (!count) return null;
  const live = shown.live ? nodeCount(shown.live, nodeId, type) : null;
  const delta = live ? count.value - live.value : 0;
  const words = `${count.value.toLocaleString()} ${count.noun} in the backtest${live ? ` (live version: ${live.value.toLocaleString()})` : ''}`;
  return (
    <span
      className={`backtest-count${stale ? ' backtest-count--stale' : ''}`}
      data-testid={`backtest-count-${nodeId}`}
      data-count={count.value}
      title={stale ? `${words}: the draft changed since` : words}
    >
      {count.value.toLocaleString()} {count.noun}
      {delta !== 0 && (
        <span className={`backtest-count__delta backtest-count__delta--${delta > 0 ? 'up' : 'down'}`}>
          {delta > 0 ? '+' : '−'}
          {Math.abs(delta).toLocaleString()}
        </span>
      )}
    </span>
  );
});
