import './simulator.css';
import { useAppStore } from '../store/context';
import { DecisionList } from './DecisionList';
import { EmailList } from './EmailList';
import { ExpectationsSection } from './ExpectationsSection';
import { ProfileForm } from './ProfileForm';
import { ScenarioBar } from './ScenarioBar';
import { ScenarioHeader } from './ScenarioHeader';
import { Scrubber } from './Scrubber';
import { Summary } from './Summary';
import { TimelineEditor } from './TimelineEditor';
import { useSimulationView } from './useSimulationView';

/**
 * The simulator tab: a scenario (a starting profile and a timeline of events) run through the
 * one interpreter on a virtual clock, answering "what would this user receive, when, and why?".
 */
export function SimulatorPanel() {
  const simulating = useAppStore((state) => state.simulation !== null);
  const hasScenarios = useAppStore((state) => (state.editor?.journey.scenarios.length ?? 0) > 0);
  return (
    <div className="simulator" data-testid="simulator">
      <ScenarioBar />
      {simulating ? (
        <>
          <section className="sim-section sim-scenario" aria-label="Scenario">
            <ScenarioHeader />
            <ProfileForm />
            <TimelineEditor />
          </section>
          <Results />
        </>
      ) : (
        <div className="sim-intro">
          <p>
            Play a user through this journey before anything is sent: what they receive, when, and why. Their path
            lights up on the canvas.
          </p>
          <p>
            {hasScenarios
              ? 'Pick a scenario above to run it, or start a new one.'
              : 'This journey has no saved scenarios yet: start a new one.'}
          </p>
        </div>
      )}
    </div>
  );
}

function Results() {
  const view = useSimulationView();
  const failure = useAppStore((state) => state.simulation?.failure ?? null);
  if (failure) {
    return (
      <p className="sim-failure" role="alert" data-testid="sim-failure">
        This draft cannot be simulated yet: {failure}
      </p>
    );
  }
  if (!view) return null;
  return (
    <div className="sim-results" data-testid="sim-results">
      <div className="sim-results__sticky">
        <Summary view={view} />
        <Scrubber view={view} />
      </div>
      <ExpectationsSection view={view} />
      <EmailList view={view} />
      <DecisionList view={view} />
    </div>
  );
}
