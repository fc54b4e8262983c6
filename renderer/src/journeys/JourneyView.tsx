import { CanvasErrorBoundary } from '../canvas/CanvasErrorBoundary';
import { JourneyCanvas } from '../canvas/JourneyCanvas';
import { useAppStore } from '../store/context';
import { selectJourneyListLoad, selectSelectedJourney, selectSelectedJourneyLoad } from '../store/selectors';
import { StatusBadge } from './StatusBadge';

/** The selected journey: its name and description above its canvas. */
export function JourneyView() {
  const entry = useAppStore(selectSelectedJourney);
  const load = useAppStore(selectSelectedJourneyLoad);
  const listLoad = useAppStore(selectJourneyListLoad);

  if (!entry) {
    const message =
      load?.status === 'error'
        ? `Could not open this journey: ${load.error}`
        : load?.status === 'loading' || listLoad.status !== 'ready'
          ? 'Loading…'
          : 'Choose a journey to see its steps.';
    return <div className="journey-view journey-view--empty">{message}</div>;
  }

  const { journey, summary } = entry;
  return (
    <section className="journey-view" aria-label={journey.name}>
      <header className="journey-view__header">
        <div className="journey-view__heading">
          <h1 className="journey-view__name" data-testid="journey-name">
            {journey.name}
          </h1>
          <StatusBadge status={summary.status} />
        </div>
        {journey.description && (
          <p className="journey-view__description" title={journey.description}>
            {journey.description}
          </p>
        )}
      </header>
      <CanvasErrorBoundary key={journey.id}>
        <JourneyCanvas journey={journey} />
      </CanvasErrorBoundary>
    </section>
  );
}
