import { slice } from './slice';

/** The app's top-level places, as the top bar lists them. */
export type AppView = 'journeys' | 'metrics' | 'events' | 'people' | 'inbox' | 'forecast' | 'suppressions' | 'settings';

export interface NavSlice {
  view: AppView;
  setView(view: AppView): void;
  /** Shows one person's timeline in the People view. */
  openPerson(userId: string): void;
}

export const createNavSlice = slice<NavSlice>((set, get) => ({
  view: 'journeys',
  setView(view) {
    set({ view });
  },
  openPerson(userId) {
    set({ view: 'people' });
    void get().selectPerson(userId);
  },
}));
