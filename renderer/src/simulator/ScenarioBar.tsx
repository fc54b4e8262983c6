import { lazy, Suspense, useState } from 'react';
import type { Scenario } from '../../../shared/journey/schema';
import { newScenario, sameScenario } from '../model/scenarios';
import { useAppStore, useAppStoreApi } from '../store/context';
import { Icon } from '../ui/Icon';

const CompareDialog = lazy(() => import('./CompareDialog').then((m) => ({ default: m.CompareDialog })));

const NO_SCENARIOS: Scenario[] = [];

/** The journey's saved scenarios, one click from running, a new one, and Compare. */
export function ScenarioBar() {
  const store = useAppStoreApi();
  const scenarios = useAppStore((state) => state.editor?.journey.scenarios ?? NO_SCENARIOS);
  const openId = useAppStore((state) => state.simulation?.savedId ?? null);
  const draft = useAppStore((state) => state.simulation?.scenario);
  const checks = useAppStore((state) => state.scenarioChecks?.byScenario);
  const [comparing, setComparing] = useState(false);

  const open = (scenario: Scenario) => store.getState().openScenario(scenario, scenario.id);
  const startNew = () => {
    const journey = store.getState().editor?.journey;
    if (journey) store.getState().openScenario(newScenario(journey), null);
  };

  return (
    <section className="sim-section sim-scenarios" aria-labelledby="sim-scenarios-title">
      <div className="sim-section__header">
        <h3 className="form-section__title" id="sim-scenarios-title">
          Scenarios
        </h3>
        <button
          type="button"
          className="link-button sim-compare-button"
          data-testid="compare-scenarios"
          disabled={scenarios.length < 2}
          onClick={() => setComparing(true)}
        >
          <Icon name="columns" size={14} />
          Compare
        </button>
      </div>
      <div className="sim-chips">
        {scenarios.map((scenario) => {
          const on = scenario.id === openId;
          const changed = on && draft !== undefined && !sameScenario(scenario, draft);
          return (
            <button
              key={scenario.id}
              type="button"
              className={`sim-chip${on ? ' sim-chip--on' : ''}`}
              aria-pressed={on}
              data-testid={`scenario-chip-${scenario.id}`}
              title={
                changed ? 'Changed since it was saved: click to go back to the saved one' : `Run “${scenario.name}”`
              }
              onClick={() => open(scenario)}
            >
              {scenario.name || scenario.id}
              <CheckDot id={scenario.id} status={checks?.[scenario.id]?.status} />
              {changed && (
                <>
                  <span className="sim-chip__changed" aria-hidden="true" />
                  <span className="visually-hidden"> (changed)</span>
                </>
              )}
            </button>
          );
        })}
        <button type="button" className="sim-chip sim-chip--new" data-testid="new-scenario" onClick={startNew}>
          + New
        </button>
      </div>
      {comparing && (
        <Suspense fallback={null}>
          <CompareDialog onClose={() => setComparing(false)} />
        </Suspense>
      )}
    </section>
  );
}

const CHECK_WORDS = {
  pass: 'passes: what it expects still happens',
  fail: 'fails: the draft no longer does what it expects',
  broken: 'cannot run: its timeline or expectations name something wrong',
} as const;

/** A scenario's verdict on the draft as it is now: passing, failing, or nothing to check. */
function CheckDot({ id, status }: { id: string; status: keyof typeof CHECK_WORDS | 'none' | undefined }) {
  if (!status || status === 'none') return null;
  return (
    <span
      className={`sim-chip__check sim-chip__check--${status}`}
      data-testid={`scenario-check-${id}`}
      data-status={status}
      title={`This scenario ${CHECK_WORDS[status]}`}
    >
      <span className="visually-hidden">{` (${status === 'pass' ? 'passes' : status === 'fail' ? 'fails' : 'cannot run'})`}</span>
    </span>
  );
}
