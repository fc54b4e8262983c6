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

/** How many steps a journey has, once its document has arrived. */
export const selectNodeCount = (id: string) => (state: AppState) => state.journeys[id]?.journey.nodes.length;
