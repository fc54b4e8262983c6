import { sameScenario } from '../model/scenarios';
import { useAppStore, useAppStoreApi } from '../store/context';
import { Icon } from '../ui/Icon';

/** The scenario's name, and saving it into the journey (so it autosaves and travels in exports). */
export function ScenarioHeader() {
  const store = useAppStoreApi();
  const scenario = useAppStore((state) => state.simulation?.scenario);
  const saved = useAppStore((state) => {
    const id = state.simulation?.savedId;
    return id ? state.editor?.journey.scenarios.find((s) => s.id === id) : undefined;
  });
  if (!scenario) return null;
  const changed = !saved || !sameScenario(saved, scenario);
  const status = !saved
    ? 'Not saved yet: save it to keep it with the journey.'
    : changed
      ? 'Changed since it was saved.'
      : 'Saved with the journey: it travels in its export.';
  return (
    <div className="sim-header">
      <div className="sim-header__row">
        <input
          className="input sim-header__name"
          aria-label="Scenario name"
          data-testid="scenario-name"
          value={scenario.name}
          placeholder="Name this scenario"
          onChange={(event) => store.getState().editScenario({ name: event.target.value })}
        />
        <button
          type="button"
          className="button button--small button--primary"
          data-testid="save-scenario"
          disabled={!changed}
          onClick={() => store.getState().saveScenario()}
        >
          {saved && !changed ? 'Saved' : 'Save'}
        </button>
        {saved && (
          <button
            type="button"
            className="button button--small"
            data-testid="save-scenario-as-new"
            onClick={() => store.getState().saveScenario({ asNew: true })}
          >
            Save as new
          </button>
        )}
        {saved && (
          <button
            type="button"
            className="icon-button"
            data-testid="delete-scenario"
            aria-label="Delete this scenario"
            title="Delete this scenario from the journey (undo brings it back)"
            onClick={() => store.getState().deleteScenario(saved.id)}
          >
            <Icon name="trash" size={16} />
          </button>
        )}
      </div>
      <p className="field__hint" data-testid="scenario-status">
        {status}
      </p>
    </div>
  );
}
