import type { EngineConfig } from '../../../shared/engine/types';
import type { AppState } from './types';

/** Narrow selectors: each component subscribes to the smallest piece it renders. */

export const selectJourneyList = (state: AppState) => state.journeyList;
export const selectJourneyListLoad = (state: AppState) => state.journeyListLoad;
export const selectSelectedJourneyId = (state: AppState) => state.selectedJourneyId;
export const selectSelectJourney = (state: AppState) => state.selectJourney;

export const selectSelectedJourney = (state: AppState) =>
  state.selectedJourneyId === null ? undefined : state.journeys[state.selectedJourneyId];

export const selectSelectedJourneyLoad = (state: AppState) =>
  state.selectedJourneyId === null ? undefined : state.journeyLoads[state.selectedJourneyId];

/** How many steps a journey has: the open draft's count, or the stored one's. */
export const selectNodeCount = (id: string) => (state: AppState) =>
  state.editor?.journeyId === id ? state.editor.journey.nodes.length : state.journeys[id]?.journey.nodes.length;

/** The draft open in the editor. */
export const selectDraft = (state: AppState) => state.editor?.journey;
export const selectEditorId = (state: AppState) => state.editor?.journeyId;
export const selectContentRevision = (state: AppState) => state.editor?.contentRevision ?? 0;
export const selectCanUndo = (state: AppState) => (state.editor?.history.past.length ?? 0) > 0;
export const selectCanRedo = (state: AppState) => (state.editor?.history.future.length ?? 0) > 0;
export const selectSelection = (state: AppState) => state.selection;
export const selectSave = (state: AppState) => state.save;
export const selectPanel = (state: AppState) => state.panel;

export const selectSendingLimits = (state: AppState) => state.sendingLimits;

/**
 * The engine settings a simulation must share with the live engine (today, the cap across
 * journeys from Settings), so what a founder simulates is what production does.
 */
export function simulationConfig(limits: AppState['sendingLimits']): Partial<EngineConfig> {
  return limits ? { globalCap: limits.globalCap } : {};
}
