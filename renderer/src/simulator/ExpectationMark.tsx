import './expect-mark.css';
import { memo } from 'react';
import { useAppStore } from '../store/context';

const NO_NAMES: string[] = [];

/**
 * A mark on a canvas card where a saved scenario now differs from what it expects (an email that
 * comes later, or not at all, or where the user ends). Nothing shows while every scenario passes.
 */
export const ExpectationMark = memo(function ExpectationMark({ nodeId }: { nodeId: string }) {
  const names = useAppStore((state) =>
    state.scenarioChecks?.journeyId === state.editor?.journeyId
      ? (state.scenarioChecks?.differing.get(nodeId) ?? NO_NAMES)
      : NO_NAMES,
  );
  if (names.length === 0) return null;
  const label = `Differs from what ${names.length === 1 ? `the scenario “${names[0]}”` : `${names.length} scenarios`} expect${names.length === 1 ? 's' : ''}`;
  return (
    <span className="expect-mark" data-testid={`expect-mark-${nodeId}`} title={`${label}: ${names.join(', ')}`}>
      <span className="expect-mark__badge" role="img" aria-label={label}>
        ≠
      </span>
    </span>
  );
});
