import type { StateCreator } from 'zustand';
import type { ApiClient, JourneySummary } from '../../../shared/api';
import type { Journey } from '../../../shared/journey/schema';
import type { AppState, LoadState } from './types';

/** A journey document as the canvas shows it, with its list row. */
export interface LoadedJourney {
  summary: JourneySummary;
  journey: Journey;
}

export interface JourneysSlice {
  journeyList: JourneySummary[];
  journeyListLoad: LoadState;
  /** Journey documents fetched so far, by id. */
  journeys: Record<string, LoadedJourney>;
  journeyLoads: Record<string, LoadState>;
  /** Fetches the list, then every journey in it (the list shows each one's size). */
  loadJourneyList(): Promise<void>;
  loadJourney(id: string): Promise<void>;
  /** Refetches whatever the engine says has changed; returns the unsubscribe function. */
  watchJourneyChanges(): () => void;
}

export function createJourneysSlice(api: ApiClient): StateCreator<AppState, [], [], JourneysSlice> {
  return (set, get) => ({
    journeyList: [],
    journeyListLoad: { status: 'idle' },
    journeys: {},
    journeyLoads: {},

    async loadJourneyList() {
      set({ journeyListLoad: { status: 'loading' } });
      let journeyList: JourneySummary[];
      try {
        journeyList = (await api.call('journey.list')).journeys;
      } catch (error) {
        set({ journeyListLoad: { status: 'error', error: messageOf(error) } });
        return;
      }
      set({ journeyList, journeyListLoad: { status: 'ready' } });
      const selected = get().selectedJourneyId;
      if (selected === null || !journeyList.some((summary) => summary.id === selected)) {
        const first = journeyList[0];
        if (first) get().selectJourney(first.id);
        else set({ selectedJourneyId: null });
      }
      await Promise.all(
        journeyList.map((summary) => (get().journeyLoads[summary.id] ? undefined : get().loadJourney(summary.id))),
      );
    },

    async loadJourney(id) {
      set((state) => ({ journeyLoads: { ...state.journeyLoads, [id]: { status: 'loading' } } }));
      try {
        const { summary, journey } = await api.call('journey.get', { id });
        set((state) => ({
          journeys: { ...state.journeys, [id]: { summary, journey } },
          journeyLoads: { ...state.journeyLoads, [id]: { status: 'ready' } },
        }));
      } catch (error) {
        set((state) => ({
          journeyLoads: { ...state.journeyLoads, [id]: { status: 'error', error: messageOf(error) } },
        }));
      }
    },

    watchJourneyChanges() {
      return api.on('journeys.changed', ({ ids }) => {
        void get().loadJourneyList();
        for (const id of ids) if (get().journeys[id]) void get().loadJourney(id);
      });
    },
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
