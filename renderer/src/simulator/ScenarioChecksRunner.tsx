import { useEffect } from 'react';
import { checkSavedScenarios, differingNodes } from '../model/scenarioChecks';
import { useAppStore, useAppStoreApi } from '../store/context';
import { selectContentRevision, selectEditorId, selectSendingLimits, simulationConfig } from '../store/selectors';

/** A pause after an edit before the scenarios run again (all of them take a few milliseconds). */
const RECHECK_DELAY_MS = 150;

/**
 * Runs every saved scenario of the open draft through THE interpreter (as `dripagent test` does)
 * whenever the draft changes, and records which pass, which fail and where: the scenario chips
 * and the canvas show it. Mounted while a journey is open, whichever tab is shown.
 */
export function ScenarioChecksRunner() {
  const store = useAppStoreApi();
  const editorId = useAppStore(selectEditorId);
  const revision = useAppStore(selectContentRevision);
  const sendingLimits = useAppStore(selectSendingLimits);

  // Unmounted (no scenario expects anything any more): no verdicts are left behind.
  useEffect(() => () => store.getState().setScenarioChecks(null), [store]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` and `sendingLimits` say the draft or the cap changed; the check reads both from the store.
  useEffect(() => {
    const check = () => {
      const { editor, sendingLimits: limits } = store.getState();
      if (!editor) return store.getState().setScenarioChecks(null);
      try {
        const byScenario = checkSavedScenarios(editor.journey, simulationConfig(limits));
        store.getState().setScenarioChecks({
          journeyId: editor.journeyId,
          revision: editor.contentRevision,
          byScenario,
          differing: differingNodes(editor.journey, byScenario),
        });
      } catch {
        // A draft the interpreter cannot read yet (the simulator says why): no verdicts until it can.
        store.getState().setScenarioChecks(null);
      }
    };
    const first = store.getState().scenarioChecks?.journeyId !== editorId;
    if (first) {
      check();
      return;
    }
    const timer = setTimeout(check, RECHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [editorId, revision, sendingLimits, store]);

  return null;
}
