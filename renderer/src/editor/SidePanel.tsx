import './editor.css';
import { lazy, Suspense } from 'react';
import { Inspector } from '../inspector/Inspector';
import { useAppStore, useAppStoreApi } from '../store/context';
import { useDraftProblems } from '../store/problems/useProblems';
import { selectPanel } from '../store/selectors';
import type { PanelName } from '../store/uiSlice';

/** The tabs other than the step form load when first opened. */
const JourneySettings = lazy(() => import('../settings/JourneySettings').then((m) => ({ default: m.JourneySettings })));
const ProblemsPanel = lazy(() => import('../problems/ProblemsPanel').then((m) => ({ default: m.ProblemsPanel })));
const VersionsPanel = lazy(() => import('../versions/VersionsPanel').then((m) => ({ default: m.VersionsPanel })));
const ResultsPanel = lazy(() => import('../results/ResultsPanel').then((m) => ({ default: m.ResultsPanel })));
const SimulatorPanel = lazy(() => import('../simulator/SimulatorPanel').then((m) => ({ default: m.SimulatorPanel })));
/** Runs the simulated scenario again on every change, whichever tab is shown (with the interpreter, loaded on first use). */
const SimulationRunner = lazy(() =>
  import('../simulator/SimulationRunner').then((m) => ({ default: m.SimulationRunner })),
);
/** Checks the saved scenarios' expectations again on every change (with the interpreter, loaded when needed). */
const ScenarioChecksRunner = lazy(() =>
  import('../simulator/ScenarioChecksRunner').then((m) => ({ default: m.ScenarioChecksRunner })),
);

const TABS: { id: PanelName; label: string }[] = [
  { id: 'step', label: 'Step' },
  { id: 'journey', label: 'Settings' },
  { id: 'problems', label: 'Problems' },
  { id: 'versions', label: 'Versions' },
  { id: 'simulate', label: 'Simulate' },
  { id: 'results', label: 'Results' },
];

/**
 * The right-hand panel: the selected step's form, the journey's settings, its problems and its
 * versions, and the simulator (wider, for its emails and decisions).
 */
export function SidePanel() {
  const panel = useAppStore(selectPanel);
  const store = useAppStoreApi();
  const { errorCount, warningCount } = useDraftProblems();
  const simulating = useAppStore((state) => state.simulation !== null);
  const expecting = useAppStore((state) => state.editor?.journey.scenarios.some((s) => s.expect) ?? false);
  return (
    <aside
      className={`side-panel${panel === 'simulate' || panel === 'results' ? ' side-panel--wide' : ''}`}
      aria-label="Details"
      data-testid="side-panel"
    >
      <div className="tabs" role="tablist" aria-label="Details">
        {TABS.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={panel === tab.id}
            aria-controls={`panel-${tab.id}`}
            className={`tab${panel === tab.id ? ' tab--on' : ''}`}
            data-testid={`tab-${tab.id}`}
            onClick={() => store.getState().setPanel(tab.id)}
          >
            {tab.label}
            {tab.id === 'problems' && errorCount + warningCount > 0 && (
              <span className={`count count--${errorCount > 0 ? 'error' : 'warning'}`} data-testid="problem-count">
                {errorCount > 0 ? errorCount : warningCount}
              </span>
            )}
          </button>
        ))}
      </div>
      <div className="side-panel__body" role="tabpanel" id={`panel-${panel}`} aria-labelledby={`tab-${panel}`}>
        <Suspense fallback={<p className="panel-message">Loading…</p>}>
          {panel === 'step' && <Inspector />}
          {panel === 'journey' && <JourneySettings />}
          {panel === 'problems' && <ProblemsPanel />}
          {panel === 'versions' && <VersionsPanel />}
          {panel === 'simulate' && <SimulatorPanel />}
          {panel === 'results' && <ResultsPanel />}
        </Suspense>
      </div>
      {simulating && (
        <Suspense fallback={null}>
          <SimulationRunner />
        </Suspense>
      )}
      {expecting && (
        <Suspense fallback={null}>
          <ScenarioChecksRunner />
        </Suspense>
      )}
    </aside>
  );
}
