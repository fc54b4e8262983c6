import type { Scenario } from '../../../shared/journey/schema';
import { pinExpectations } from '../../../shared/scenario/pin';
import { type PathHighlight, pathHighlight, sameHighlight } from '../model/highlight';
import { cursorAfterRerun, stepForward } from '../model/playback';
import type { ScenarioResult } from '../model/scenario-run';
import { removeScenario, scenarioId, upsertScenario } from '../model/scenarios';
import { slice } from './slice';

/** The scenario being simulated on the open journey, and where the scrubber stands. */
export interface Simulation {
  journeyId: string;
  /** The scenario as edited in the panel; saved into the journey only by `saveScenario`. */
  scenario: Scenario;
  /** The saved scenario it was opened from (or last saved as); null while it was never saved. */
  savedId: string | null;
  /** The last run of the scenario on the draft; null until the first run. */
  result: ScenarioResult | null;
  /** Why the draft could not be simulated (a step the interpreter cannot read yet). */
  failure: string | null;
  /** How many steps of the path have happened (see model/playback.ts). */
  cursor: number;
  playing: boolean;
  /** What the canvas lights at the cursor. */
  highlight: PathHighlight | null;
}

export interface SimulatorSlice {
  /** Null when nothing is simulated: the canvas shows the journey as it is. */
  simulation: Simulation | null;
  /** Starts simulating a scenario (a saved one, or a new draft when `savedId` is null). */
  openScenario(scenario: Scenario, savedId: string | null): void;
  /** Changes the scenario being simulated; the runner runs it again. */
  editScenario(changes: Partial<Omit<Scenario, 'id'>>): void;
  /** Takes a new run of the scenario; the cursor stays at the end when it was there. */
  setSimulationResult(result: ScenarioResult | null, failure?: string | null): void;
  /** Moves the scrubber; `follow` brings the current card into view. */
  setCursor(cursor: number, options?: { follow?: boolean }): void;
  setPlaying(playing: boolean): void;
  /** One step of playback; stops at the end. */
  advancePlayback(): void;
  /** Saves the scenario into the journey (an undoable edit that autosaves); `asNew` keeps the saved one. */
  saveScenario(options?: { asNew?: boolean }): void;
  deleteScenario(id: string): void;
  /** "Expect this": the current outcome becomes the scenario's expectations, saved with it. */
  pinOutcome(): void;
  stopSimulation(): void;
}

export const createSimulatorSlice = slice<SimulatorSlice>((set, get) => {
  /** Updates the simulation, recomputing the highlight only when what it shows changed. */
  const update = (changes: Partial<Simulation>) => {
    const simulation = get().simulation;
    if (!simulation) return;
    const next = { ...simulation, ...changes };
    if (next.result !== simulation.result || next.cursor !== simulation.cursor) {
      const highlight = next.result ? pathHighlight(next.result.path, next.cursor, next.result.start) : null;
      next.highlight = sameHighlight(highlight, simulation.highlight) ? simulation.highlight : highlight;
    }
    set({ simulation: next });
  };

  return {
    simulation: null,

    openScenario(scenario, savedId) {
      const journeyId = get().editor?.journeyId;
      if (!journeyId) return;
      // The canvas brings the path into view once the scenario has run (see canvas/useCanvasView.ts).
      set({
        simulation: {
          journeyId,
          // A copy: reopening the scenario just saved (the same object) must still run it again.
          scenario: { ...scenario },
          savedId,
          result: null,
          failure: null,
          cursor: 0,
          playing: false,
          highlight: null,
        },
      });
    },

    editScenario(changes) {
      const simulation = get().simulation;
      if (simulation) update({ scenario: { ...simulation.scenario, ...changes } });
    },

    setSimulationResult(result, failure = null) {
      const simulation = get().simulation;
      if (!simulation) return;
      // A first run shows the whole path; later runs keep the scrubber where the founder left it.
      const cursor =
        result === null
          ? 0
          : simulation.result === null
            ? result.path.length
            : cursorAfterRerun(simulation.cursor, simulation.result.path.length, result.path.length);
      update({ result, failure, cursor });
    },

    setCursor(cursor, options = {}) {
      const simulation = get().simulation;
      if (!simulation?.result) return;
      const clamped = Math.max(0, Math.min(simulation.result.path.length, cursor));
      update({ cursor: clamped });
      const current = get().simulation?.highlight?.current;
      if (options.follow && current) get().requestFocus(current);
    },

    setPlaying(playing) {
      const simulation = get().simulation;
      if (!simulation?.result) return;
      // Play from the end starts again from the beginning.
      if (playing && simulation.cursor >= simulation.result.path.length) update({ cursor: 0 });
      update({ playing });
    },

    advancePlayback() {
      const simulation = get().simulation;
      if (!simulation?.result || !simulation.playing) return;
      const length = simulation.result.path.length;
      const next = stepForward(simulation.cursor, length);
      get().setCursor(next, { follow: true });
      if (next >= length) update({ playing: false });
    },

    saveScenario(options = {}) {
      const { simulation, editor } = get();
      if (!simulation || !editor) return;
      const scenarios = editor.journey.scenarios;
      const name = simulation.scenario.name.trim() || 'Untitled scenario';
      // A renamed scenario keeps its id (so an export diff shows it changed, not replaced).
      const keep = options.asNew ? undefined : (simulation.savedId ?? undefined);
      const id = keep && scenarios.some((s) => s.id === keep) ? keep : scenarioId(name, scenarios);
      const saved: Scenario = { ...simulation.scenario, id, name };
      get().edit({ type: 'update_journey', changes: { scenarios: upsertScenario(scenarios, saved) } });
      update({ scenario: saved, savedId: id });
    },

    deleteScenario(id) {
      const { simulation, editor } = get();
      if (!editor) return;
      get().edit({ type: 'update_journey', changes: { scenarios: removeScenario(editor.journey.scenarios, id) } });
      if (simulation?.savedId === id) update({ savedId: null });
    },

    pinOutcome() {
      const { simulation, editor } = get();
      if (!simulation?.result || !editor) return;
      const expect = pinExpectations(editor.journey, simulation.result);
      update({ scenario: { ...simulation.scenario, expect } });
      get().saveScenario();
    },

    stopSimulation() {
      if (get().simulation) set({ simulation: null });
    },
  };
});
