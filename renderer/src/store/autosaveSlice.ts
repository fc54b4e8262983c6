import type { ApiClient } from '../../../shared/api';
import { clearBackup, writeBackup } from './backup';
import type { EditorDoc } from './documentSlice';
import { slice } from './slice';

export type SaveState =
  | { status: 'saved'; at?: string }
  | { status: 'pending' }
  | { status: 'saving' }
  /** The host could not store the draft (unreachable, refused): kept in this window and retried. */
  | { status: 'error'; message: string };

/** Saving the open draft a moment after each change, retrying when the engine refuses. */
export interface AutosaveSlice {
  save: SaveState;
  /** Saves after a pause (500 ms unless told), restarting the pause on each call. */
  scheduleSave(delay?: number): void;
  /** Saves now instead of after the pause; resolves when the engine has the draft (or refused it). */
  flushSave(): Promise<void>;
  /** Resolves once no save of this window is on its way (without starting one). */
  saveSettled(): Promise<void>;
  /** A journey was just opened: nothing of it is unsaved. */
  resetSave(): void;
}

const SAVE_DELAY_MS = 500;
const RETRY_DELAY_MS = 3000;

export function createAutosaveSlice(api: ApiClient) {
  return slice<AutosaveSlice>((set, get) => {
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    let inFlight: Promise<void> | null = null;

    const isOpen = (journeyId: string) => get().editor?.journeyId === journeyId;

    /**
     * Saves `editor` (the draft when the save began, even if another journey opens meanwhile) to
     * the host, finished or not: every window sees the same draft; only publishing needs it valid.
     */
    const saveOnce = async (editor: EditorDoc): Promise<void> => {
      // The schema loads after the first paint: nothing is saved before an edit.
      const { JourneyDraft } = await import('../../../shared/journey/draft');
      const parsed = JourneyDraft.safeParse(editor.journey);
      if (!parsed.success) {
        // Not even a draft's shape: an editor bug. Keep it here rather than lose it.
        writeBackup(editor.journeyId, editor.journey);
        if (isOpen(editor.journeyId))
          set({ save: { status: 'error', message: `This draft is damaged (${parsed.error.issues[0]?.message}).` } });
        return;
      }
      const json = JSON.stringify(parsed.data);
      if (json === editor.savedJson) {
        clearBackup(editor.journeyId);
        if (isOpen(editor.journeyId)) set({ save: { status: 'saved' } });
        return;
      }
      if (isOpen(editor.journeyId)) set({ save: { status: 'saving' } });
      const result = await api.callResult('journey.save', { journey: parsed.data });
      if (!result.ok) {
        writeBackup(editor.journeyId, editor.journey);
        if (!isOpen(editor.journeyId)) return;
        set({ save: { status: 'error', message: result.error.message } });
        clearTimeout(saveTimer);
        saveTimer = setTimeout(() => void get().flushSave(), RETRY_DELAY_MS);
        return;
      }
      clearBackup(editor.journeyId);
      const { summary } = result.result;
      get().storeJourney(summary, parsed.data);
      get().markStored(editor.journeyId, json);
      if (!isOpen(editor.journeyId)) return;
      if (get().editor?.journey !== editor.journey) get().scheduleSave();
      else set({ save: { status: 'saved', at: summary.updatedAt } });
    };

    return {
      save: { status: 'saved' },

      scheduleSave(delay = SAVE_DELAY_MS) {
        clearTimeout(saveTimer);
        const { status } = get().save;
        if (status !== 'error') set({ save: { status: 'pending' } });
        saveTimer = setTimeout(() => void get().flushSave(), delay);
      },

      async flushSave() {
        clearTimeout(saveTimer);
        // The draft as it is now: opening another journey right after must not lose this one's changes.
        const asked = get().editor;
        while (inFlight) await inFlight;
        const current = get().editor;
        const editor = current && current.journeyId === asked?.journeyId ? current : asked;
        if (!editor) return;
        inFlight = saveOnce(editor).finally(() => {
          inFlight = null;
        });
        await inFlight;
      },

      async saveSettled() {
        while (inFlight) await inFlight;
      },

      resetSave() {
        set({ save: { status: 'saved' } });
      },
    };
  });
}
