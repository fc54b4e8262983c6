import { useEffect, useRef } from 'react';
import { runScenario } from '../model/scenario-run';
import { useAppStore, useAppStoreApi } from '../store/context';
import { selectContentRevision, selectEditorId, selectSendingLimits, simulationConfig } from '../store/selectors';

/** A light pause after typing or an edit before running again; a run takes well under a millisecond. */
const RERUN_DELAY_MS = 60;
/** How long each step of the path stays lit while playing. */
export const PLAY_STEP_MS = 650;

/**
 * Runs the simulated scenario through THE interpreter (`runScenario`, as `dripagent simulate`
 * does) whenever the draft journey or the scenario changes, and drives playback. Mounted while
 * a simulation is on, whichever tab is shown, so an edit in the step form re-lights the path.
 */
export function SimulationRunner() {
  const store = useAppStoreApi();
  const editorId = useAppStore(selectEditorId);
  const revision = useAppStore(selectContentRevision);
  const journeyId = useAppStore((state) => state.simulation?.journeyId);
  const scenario = useAppStore((state) => state.simulation?.scenario);
  const playing = useAppStore((state) => state.simulation?.playing ?? false);
  // The cap across journeys from Settings: a change (or its late first load) re-runs the scenario.
  const sendingLimits = useAppStore(selectSendingLimits);
  const ranOnce = useRef(false);

  // A simulation belongs to one journey: opening another ends it.
  useEffect(() => {
    if (journeyId !== undefined && journeyId !== editorId) store.getState().stopSimulation();
  }, [journeyId, editorId, store]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` and `sendingLimits` are the signals that the draft or the cap changed; the run reads both from the store.
  useEffect(() => {
    if (!scenario) return;
    const run = () => {
      const { editor, simulation, sendingLimits } = store.getState();
      if (!editor || !simulation || simulation.journeyId !== editor.journeyId) return;
      try {
        const config = simulationConfig(sendingLimits);
        store.getState().setSimulationResult(runScenario(editor.journey, simulation.scenario, { config }));
      } catch (error) {
        store.getState().setSimulationResult(null, error instanceof Error ? error.message : String(error));
      }
    };
    // The first run is at once, so opening a scenario lights its path without a flicker.
    if (!ranOnce.current || store.getState().simulation?.result === null) {
      ranOnce.current = true;
      run();
      return;
    }
    const timer = setTimeout(run, RERUN_DELAY_MS);
    return () => clearTimeout(timer);
  }, [scenario, revision, sendingLimits, store]);

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => store.getState().advancePlayback(), PLAY_STEP_MS);
    return () => clearInterval(timer);
  }, [playing, store]);

  return null;
}
