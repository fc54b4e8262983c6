import type { StateCreator } from 'zustand';
import type { AppState } from './types';

export interface UiSlice {
  selectedJourneyId: string | null;
  /** Shows a journey in the editor, fetching it the first time. */
  selectJourney(id: string): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  selectedJourneyId: null,

  selectJourney(id) {
    if (get().selectedJourneyId === id && get().editor?.journeyId === id) return;
    set({ selectedJourneyId: id });
    const load = get().journeyLoads[id];
    if (!load || load.status === 'error') void get().loadJourney(id);
    else get().syncEditor();
  },
});
