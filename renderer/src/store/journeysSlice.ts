import type { ApiClient, ApiResponse, JourneySummary, JourneyVersionInfo, Problem } from '../../../shared/api';
import type { Journey } from '../../../shared/journey/schema';
import { clearBackup } from './backup';
import { slice } from './slice';
import type { LoadState } from './types';

/** A journey document as the canvas shows it, with its list row. */
export interface LoadedJourney {
  summary: JourneySummary;
  journey: Journey;
}

export type ImportResult =
  | { imported: true; id: string; problems: Problem[] }
  | { imported: false; problems: Problem[] };
export type JourneyTemplate = ApiResponse<'journey.templates'>['templates'][number];
export type PublishResult = { published: true; version: number } | { published: false; problems: Problem[] };

export interface JourneysSlice {
  journeyList: JourneySummary[];
  journeyListLoad: LoadState;
  /** Journey documents fetched so far, by id. */
  journeys: Record<string, LoadedJourney>;
  journeyLoads: Record<string, LoadState>;
  /** Fetches the list, then every journey in it (the list shows each one's size). */
  loadJourneyList(): Promise<void>;
  loadJourney(id: string): Promise<void>;
  /** Follows the engine's journey pushes (see `applyJourneyChange`); returns the unsubscribe function. */
  watchJourneyChanges(): () => void;
  /**
   * Applies a change the engine pushed: the list row at once, the document only when this window
   * does not have that version already (its own save brings it), and a deleted journey goes.
   */
  applyJourneyChange(id: string, summary: JourneySummary | null): Promise<void>;
  /** Creates a journey, empty or from an example journey (`template`), and opens it. */
  createJourney(name: string, template?: string): Promise<string>;
  /** The example journeys a new journey can start from. */
  journeyTemplates(): Promise<JourneyTemplate[]>;
  renameJourney(id: string, name: string): Promise<void>;
  duplicateJourney(id: string): Promise<string>;
  /** Deletes a journey; the people in it leave it. Returns how many did. */
  deleteJourney(id: string): Promise<number>;
  /** How many people are in a published journey now (0 for a draft). */
  countPeopleIn(id: string): Promise<number>;
  /** Imports a file's text; nothing is saved when it has errors. */
  importJourney(text: string, replace?: boolean): Promise<ImportResult>;
  /** The canonical file of the draft (saved first) or of a published version. */
  exportJourney(id: string, version?: number): Promise<{ fileName: string; text: string }>;
  /** Saves the open draft and publishes it as the next version; refused while it has errors. */
  publishJourney(id: string): Promise<PublishResult>;
  listVersions(id: string): Promise<JourneyVersionInfo[]>;
  getVersion(id: string, version: number): Promise<Journey>;
  /** Keeps a journey the engine just stored (an autosave's answer): its list row and its document. */
  storeJourney(summary: JourneySummary, journey: Journey): void;
  /** Replaces or adds a journey's list row (after publish, pause or resume, or a push). */
  storeSummary(summary: JourneySummary): void;
  /** Drops a deleted journey; another one is shown when it was open. */
  forgetJourney(id: string): void;
}

export function createJourneysSlice(api: ApiClient) {
  return slice<JourneysSlice>((set, get) => {
    const inflight = new Map<string, Promise<void>>();

    const fetchJourney = async (id: string): Promise<void> => {
      set((state) => ({ journeyLoads: { ...state.journeyLoads, [id]: { status: 'loading' } } }));
      try {
        const { summary, journey } = await api.call('journey.get', { id });

        set((state) => ({
          journeys: { ...state.journeys, [id]: { summary, journey } },
          journeyLoads: { ...state.journeyLoads, [id]: { status: 'ready' } },
        }));
        if (get().selectedJourneyId === id) get().syncEditor();
      } catch (error) {
        set((state) => ({
          journeyLoads: { ...state.journeyLoads, [id]: { status: 'error', error: messageOf(error) } },
        }));
      }
    };

    /** Makes sure the engine has the open draft before acting on what it stores. */
    const flushIfOpen = async (id: string) => {
      if (get().editor?.journeyId === id) await get().flushSave();
    };

    return {
      journeyList: [],
      journeyListLoad: { status: 'idle' },
      journeys: {},
      journeyLoads: {},

      async loadJourneyList() {
        if (get().journeyListLoad.status !== 'ready') set({ journeyListLoad: { status: 'loading' } });
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
          if (first) {
            get().selectJourney(first.id);
            // The open journey first; the others (for their sizes in the list) after it.
            await get().loadJourney(first.id);
          } else get().selectJourney(null);
        }
        await Promise.all(
          journeyList.map((summary) => (get().journeyLoads[summary.id] ? undefined : get().loadJourney(summary.id))),
        );
      },

      loadJourney(id) {
        // One request per journey at a time: asking again while it is on its way waits for it.
        const pending = inflight.get(id);
        if (pending) return pending;
        const request = fetchJourney(id).finally(() => inflight.delete(id));
        inflight.set(id, request);
        return request;
      },
      watchJourneyChanges() {
        return api.on('journeys.changed', (change) => void get().applyJourneyChange(change.id, change.summary));
      },

      async applyJourneyChange(id, summary) {
        if (!summary) {
          get().forgetJourney(id);
          return;
        }
        get().storeSummary(summary);
        const isCurrent = () => get().journeys[id]?.summary.updatedAt === summary.updatedAt;
        if (isCurrent()) return;
        // This window's own autosave may be on its way: its answer brings this very version.
        if (get().editor?.journeyId === id) await get().saveSettled();
        if (!isCurrent()) await get().loadJourney(id);
      },

      async createJourney(name, template) {
        const { summary, journey } = await api.call('journey.create', template ? { name, template } : { name });
        get().storeJourney(summary, journey);
        get().selectJourney(summary.id);
        return summary.id;
      },

      async journeyTemplates() {
        return (await api.call('journey.templates')).templates;
      },

      async renameJourney(id, name) {
        if (get().editor?.journeyId === id) {
          get().edit({ type: 'update_journey', changes: { name } });
          await get().flushSave();
          return;
        }
        const { summary } = await api.call('journey.rename', { id, name });
        get().storeSummary(summary);
      },

      async duplicateJourney(id) {
        await flushIfOpen(id);
        const { summary, journey } = await api.call('journey.duplicate', { id });
        get().storeJourney(summary, journey);
        get().selectJourney(summary.id);
        return summary.id;
      },

      async deleteJourney(id) {
        const { endedRuns } = await api.call('journey.delete', { id });
        get().forgetJourney(id);
        return endedRuns;
      },

      async countPeopleIn(id) {
        if (get().journeyList.find((row) => row.id === id)?.latestVersion == null) return 0;
        return (await api.call('runs.overview', { journeyId: id })).active;
      },

      async importJourney(text, replace = false) {
        const result = await api.call('journey.import', { text, replace });
        if (!result.imported) return { imported: false, problems: result.problems };
        const { summary } = result;
        get().storeSummary(summary);
        await get().loadJourney(summary.id);
        get().selectJourney(summary.id);
        return { imported: true, id: summary.id, problems: result.problems };
      },

      async exportJourney(id, version) {
        if (version === undefined) await flushIfOpen(id);
        return api.call('journey.export', version === undefined ? { id } : { id, version });
      },

      async publishJourney(id) {
        await flushIfOpen(id);
        const save = get().save;
        if (get().editor?.journeyId === id && save.status === 'error') {
          return {
            published: false,
            problems: [{ severity: 'error', message: save.message }],
          };
        }
        const result = await api.call('journey.publish', { id });
        if (!result.published) return { published: false, problems: result.problems };
        get().storeSummary(result.summary);
        return { published: true, version: result.version.version };
      },

      async listVersions(id) {
        return (await api.call('journey.versions', { id })).versions;
      },

      async getVersion(id, version) {
        return (await api.call('journey.get', { id, version })).journey;
      },

      storeJourney(summary, journey) {
        set((state) => ({
          journeyList: withRow(state.journeyList, summary),
          journeys: { ...state.journeys, [summary.id]: { summary, journey } },
          journeyLoads: { ...state.journeyLoads, [summary.id]: { status: 'ready' } },
        }));
      },

      storeSummary(summary) {
        set((state) => ({ journeyList: withRow(state.journeyList, summary) }));
      },

      forgetJourney(id) {
        clearBackup(id);
        if (!get().journeyLoads[id] && !get().journeyList.some((row) => row.id === id)) return;
        set((state) => {
          const { [id]: _journey, ...journeys } = state.journeys;
          const { [id]: _load, ...journeyLoads } = state.journeyLoads;
          return { journeys, journeyLoads, journeyList: state.journeyList.filter((row) => row.id !== id) };
        });
        if (get().selectedJourneyId === id) get().selectJourney(get().journeyList[0]?.id ?? null);
      },
    };
  });
}

/** The list with `summary` in its row, in the engine's order (by name, then id). */
function withRow(list: readonly JourneySummary[], summary: JourneySummary): JourneySummary[] {
  const rows = [...list.filter((row) => row.id !== summary.id), summary];
  return rows.sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
}

/** Plain code-unit order, as SQLite's default collation sorts the list. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
