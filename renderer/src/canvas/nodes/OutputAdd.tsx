import { createContext, useContext } from 'react';

/** How a card's free output asks the canvas for a new step there (the canvas shows the step menu). */
export interface OutputControls {
  /** Offers the steps to add after `output` of `nodeId`; the point is in screen pixels. */
  add(nodeId: string, output: string, at: { x: number; y: number }): void;
}

export const OutputControlsContext = createContext<OutputControls>({ add() {} });

/**
 * The "+" under an output that leads nowhere yet: adds a step right there, connected from it. One
 * per free output, so a branch ("timed out", "no") is one click away from its next step.
 */
export function OutputAdd({ nodeId, output, label }: { nodeId: string; output: string; label: string }) {
  const controls = useContext(OutputControlsContext);
  return (
    <button
      type="button"
      className="output-add nodrag nopan"
      data-testid={`add-after-${nodeId}-${output}`}
      aria-label={`Add a step after “${label}”`}
      title={`Add a step after “${label}”`}
      onClick={(event) => {
        event.stopPropagation();
        const box = event.currentTarget.getBoundingClientRect();
        controls.add(nodeId, output, { x: box.left + box.width / 2, y: box.top + box.height / 2 });
      }}
    >
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
        <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
    </button>
  );
}
