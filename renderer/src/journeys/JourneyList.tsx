import { memo } from 'react';
import type { JourneySummary } from '../../../shared/api';
import { useAppStore } from '../store/context';
import {
  selectJourneyList,
  selectJourneyListLoad,
  selectNodeCount,
  selectSelectedJourneyId,
  selectSelectJourney,
} from '../store/selectors';
import { StatusBadge } from './StatusBadge';

/** The sidebar list of journeys: name, status and size; clicking one opens it on the canvas. */
export function JourneyList() {
  const journeys = useAppStore(selectJourneyList);
  const load = useAppStore(selectJourneyListLoad);
  const selectedId = useAppStore(selectSelectedJourneyId);
  const select = useAppStore(selectSelectJourney);

  return (
    <nav className="journey-list" aria-label="Journeys">
      <h2 className="sidebar-heading">Journeys</h2>
      {load.status === 'error' && (
        <p className="journey-list__message journey-list__message--error" role="alert">
          Could not load journeys: {load.error}
        </p>
      )}
      {load.status === 'ready' && journeys.length === 0 && <p className="journey-list__message">No journeys yet.</p>}
      <ul data-testid="journey-list">
        {journeys.map((journey) => (
          <JourneyItem key={journey.id} journey={journey} selected={journey.id === selectedId} onSelect={select} />
        ))}
      </ul>
    </nav>
  );
}

const JourneyItem = memo(function JourneyItem({
  journey,
  selected,
  onSelect,
}: {
  journey: JourneySummary;
  selected: boolean;
  onSelect: (id: string) => void;
}) {
  return (
    <li>
      <button
        type="button"
        className="journey-item"
        data-testid={`journey-item-${journey.id}`}
        aria-current={selected ? 'page' : undefined}
        onClick={() => onSelect(journey.id)}
      >
        <span className="journey-item__name">{journey.name}</span>
        <span className="journey-item__meta">
          <StatusBadge status={journey.status} />
          <NodeCount id={journey.id} />
        </span>
      </button>
    </li>
  );
});

function NodeCount({ id }: { id: string }) {
  const count = useAppStore(selectNodeCount(id));
  if (count === undefined) return null;
  return (
    <span className="journey-item__count" data-testid="node-count">
      {count} {count === 1 ? 'step' : 'steps'}
    </span>
  );
}
