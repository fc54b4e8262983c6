import { formatOffset } from '../model/scenario-timeline';
import { useAppStore, useAppStoreApi } from '../store/context';
import { clockAt } from './playback';

/**
 * A note on the canvas while a scenario is simulated: says why most cards are dim, shows the
 * virtual clock, and stops the simulation (or goes back to it from another tab).
 */
export function SimulationBanner() {
  const store = useAppStoreApi();
  const name = useAppStore((state) => state.simulation?.scenario.name);
  const clock = useAppStore((state) => {
    const result = state.simulation?.result;
    if (!result) return null;
    const times = result.path.map((step) => step.at);
    return formatOffset(clockAt(times, state.simulation?.cursor ?? 0, result.start) - result.start);
  });
  const onSimulateTab = useAppStore((state) => state.panel === 'simulate');
  if (name === undefined) return null;
  return (
    <div className="sim-banner" data-testid="sim-banner" role="status">
      <span className="sim-banner__dot" aria-hidden="true" />
      <span className="sim-banner__text" title={`Simulating “${name}”`}>
        {/* The simulator tab names the scenario; elsewhere the note does. */}
        Simulating{!onSimulateTab && <strong> {name || 'a scenario'}</strong>}
        {clock && (
          <>
            {' '}
            at <span className="sim-banner__clock">{clock}</span>
          </>
        )}
      </span>
      {!onSimulateTab && (
        <button type="button" className="sim-banner__button" onClick={() => store.getState().setPanel('simulate')}>
          Show
        </button>
      )}
      <button
        type="button"
        className="sim-banner__button"
        data-testid="sim-stop"
        onClick={() => store.getState().stopSimulation()}
      >
        Stop
      </button>
    </div>
  );
}
