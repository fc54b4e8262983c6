import type { ApiClient, ApiResponse } from '../../../shared/api';
import type { Journey } from '../../../shared/journey/schema';
import { slice } from './slice';
import type { LoadState } from './types';

export type PersonRow = ApiResponse<'users.search'>['users'][number];
export type PersonTrace = ApiResponse<'user.trace'>;

export interface PeopleSlice {
  peopleQuery: string;
  people: PersonRow[];
  peopleLoad: LoadState;
  personId: string | null;
  /** The open person's trace (kept while a refresh is on its way). */
  personTrace: PersonTrace | null;
  personLoad: LoadState;
  /** Published journey versions by `id@version`: a run is explained with the version it runs on. */
  journeyVersions: Record<string, Journey>;
  searchPeople(query: string): Promise<void>;
  selectPerson(userId: string): Promise<void>;
  /** Fetches the open person's trace again. */
  refreshPerson(): Promise<void>;
  /**
   * Refreshes the list and the open person now, then the list whenever people's data changes and
   * the open person whenever theirs does; returns stop.
   */
  watchPeople(): () => void;
  loadJourneyVersion(journeyId: string, version: number): Promise<void>;
}

export const versionKey = (journeyId: string, version: number) => `${journeyId}@${version}`;

export function createPeopleSlice(api: ApiClient) {
  return slice<PeopleSlice>((set, get) => {
    const versionRequests = new Set<string>();

    const fetchTrace = async (userId: string) => {
      const result = await api.callResult('user.trace', { userId });
      // Answers for someone no longer open are dropped.
      if (get().personId !== userId) return;
      if (!result.ok) {
        set({ personLoad: { status: 'error', error: result.error.message } });
        return;
      }
      set({ personTrace: result.result, personLoad: { status: 'ready' } });
      for (const run of result.result.runs) void get().loadJourneyVersion(run.journeyId, run.version);
    };

    return {
      peopleQuery: '',
      people: [],
      peopleLoad: { status: 'idle' },
      personId: null,
      personTrace: null,
      personLoad: { status: 'idle' },
      journeyVersions: {},

      async searchPeople(query) {
        set({ peopleQuery: query });
        if (get().peopleLoad.status !== 'ready') set({ peopleLoad: { status: 'loading' } });
        const result = await api.callResult('users.search', { query: query.trim(), limit: 100 });
        // Typing fast sends several searches: only the newest one's answer is shown.
        if (get().peopleQuery !== query) return;
        if (result.ok) set({ people: result.result.users, peopleLoad: { status: 'ready' } });
        else set({ peopleLoad: { status: 'error', error: result.error.message } });
      },

      async selectPerson(userId) {
        if (get().personId !== userId) set({ personId: userId, personTrace: null, personLoad: { status: 'loading' } });
        await fetchTrace(userId);
      },

      async refreshPerson() {
        const userId = get().personId;
        if (userId) await fetchTrace(userId);
      },

      watchPeople() {
        void get().searchPeople(get().peopleQuery);
        void get().refreshPerson();
        return api.on('people.changed', ({ userIds, more }) => {
          void get().searchPeople(get().peopleQuery);
          const open = get().personId;
          if (open !== null && (more || userIds.includes(open))) void get().refreshPerson();
        });
      },

      async loadJourneyVersion(journeyId, version) {
        const key = versionKey(journeyId, version);
        if (get().journeyVersions[key] || versionRequests.has(key)) return;
        versionRequests.add(key);
        const result = await api.callResult('journey.get', { id: journeyId, version });
        versionRequests.delete(key);
        // Without it the timeline still reads, with step ids instead of titles.
        if (result.ok)
          set((state) => ({ journeyVersions: { ...state.journeyVersions, [key]: result.result.journey } }));
      },
    };
  });
}
