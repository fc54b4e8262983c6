import './journeys.css';
import { lazy, Suspense } from 'react';
import { CanvasErrorBoundary } from '../canvas/CanvasErrorBoundary';
import { JourneyCanvas } from '../canvas/JourneyCanvas';
import { EditorHeader } from '../editor/EditorHeader';
import { ShortcutsDialog } from '../editor/ShortcutsDialog';
import { SidePanel } from '../editor/SidePanel';
import { SimulationBanner } from '../simulator/SimulationBanner';
import { useAppStore } from '../store/context';
import { selectEditorId, selectJourneyListLoad, selectSelectedJourneyLoad } from '../store/selectors';

/** The email editor (with the template engine behind its preview) loads when first opened. */
const EmailEditorDialog = lazy(() =>
  import('../email/EmailEditor').then((module) => ({ default: module.EmailEditorDialog })),
);

/** The backtest's button and panel load with the canvas; what they draw is small. */
const BacktestPanel = lazy(() => import('../backtest/BacktestPanel').then((m) => ({ default: m.BacktestPanel })));

/**
 * Drawn over the canvas: the note while a scenario is simulated, and the backtest. One element,
 * so the memoised canvas keeps its props.
 */
const CANVAS_OVERLAY = (
  <>
    <SimulationBanner />
    <Suspense fallback={null}>
      <BacktestPanel />
    </Suspense>
  </>
);

/** The open journey: its header and commands, the canvas, and the side panel. */
export function JourneyView() {
  const editorId = useAppStore(selectEditorId);
  const load = useAppStore(selectSelectedJourneyLoad);
  const listLoad = useAppStore(selectJourneyListLoad);
  const hasJourneys = useAppStore((state) => state.journeyList.length > 0);
  const emailOpen = useAppStore((state) => state.emailEditorFor !== null);

  if (!editorId) {
    const message =
      load?.status === 'error'
        ? `Could not open this journey: ${load.error}`
        : load?.status === 'loading' || listLoad.status !== 'ready'
          ? 'Loading…'
          : hasJourneys
            ? 'Choose a journey to see its steps.'
            : 'No journeys yet: create one, or import a file.';
    return <div className="app__placeholder">{message}</div>;
  }

  return (
    <section className="journey-view" aria-label="Journey editor">
      {/* Keyed by journey: a notice about one journey ("Published version 1.") never stays on another. */}
      <EditorHeader key={editorId} />
      <div className="journey-view__body">
        <CanvasErrorBoundary key={editorId}>
          <JourneyCanvas journeyId={editorId} overlay={CANVAS_OVERLAY} />
        </CanvasErrorBoundary>
        <SidePanel />
      </div>
      {emailOpen && (
        <Suspense fallback={null}>
          <EmailEditorDialog />
        </Suspense>
      )}
      <ShortcutsDialog />
    </section>
  );
}
