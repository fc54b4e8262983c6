import './live.css';
import { memo } from 'react';
import { useAppStore, useAppStoreApi } from '../store/context';

/**
 * A small badge on a canvas card: how many people wait at this step of the published journey
 * now. Clicking it lists them in the live panel. Nothing shows for an empty step or a draft.
 */
export const LiveCount = memo(function LiveCount({ nodeId }: { nodeId: string }) {
  const store = useAppStoreApi();
  const count = useAppStore((state) =>
    state.liveOverview && state.liveOverview.journeyId === state.editor?.journeyId
      ? state.liveOverview.atNode[nodeId]
      : undefined,
  );
  if (!count) return null;
  const label = `${count.toLocaleString()} ${count === 1 ? 'person' : 'people'} here now`;
  return (
    <button
      type="button"
      className="live-count nodrag"
      data-testid={`live-count-${nodeId}`}
      data-count={count}
      title={`${label}: click to see who`}
      aria-label={label}
      onClick={(event) => {
        event.stopPropagation();
        const journeyId = store.getState().liveOverview?.journeyId;
        if (!journeyId) return;
        store.getState().setLivePanelOpen(true);
        void store.getState().showLiveNode(journeyId, nodeId);
      }}
    >
      <span className="live-count__dot" aria-hidden="true" />
      {count.toLocaleString()} here
    </button>
  );
});
