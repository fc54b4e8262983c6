import { slice } from './slice';

export type PanelName = 'step' | 'journey' | 'problems' | 'versions' | 'simulate' | 'results';

/** What the window shows: which journey, which side panel and dialogs, and requests to the canvas. */
export interface UiSlice {
  selectedJourneyId: string | null;
  panel: PanelName;
  /** The email node whose editor is open. */
  emailEditorFor: string | null;
  shortcutsOpen: boolean;
  /** Whether the editor header's live panel is open. */
  livePanelOpen: boolean;
  /** Asks the canvas to bring a node into view; `seq` makes the same node askable twice. */
  focusRequest: { nodeId: string; seq: number } | null;
  /** Bumped to ask the canvas to fit the whole journey in view (after a layout). */
  fitRequest: number;

  /** Shows a journey in the editor, fetching it the first time; null shows none. */
  selectJourney(id: string | null): void;
  setPanel(panel: PanelName): void;
  openEmailEditor(nodeId: string | null): void;
  setShortcutsOpen(open: boolean): void;
  setLivePanelOpen(open: boolean): void;
  requestFocus(nodeId: string): void;
  requestFit(): void;
}

export const createUiSlice = slice<UiSlice>((set, get) => ({
  selectedJourneyId: null,
  panel: 'step',
  emailEditorFor: null,
  shortcutsOpen: false,
  livePanelOpen: false,
  focusRequest: null,
  fitRequest: 0,

  selectJourney(id) {
    if (id === null) {
      set({ selectedJourneyId: null });
      get().syncEditor();
      return;
    }
    if (get().selectedJourneyId === id && get().editor?.journeyId === id) return;
    set({ selectedJourneyId: id });
    const load = get().journeyLoads[id];
    if (!load || load.status === 'error') void get().loadJourney(id);
    else get().syncEditor();
  },

  setPanel(panel) {
    set({ panel });
  },

  openEmailEditor(nodeId) {
    set({ emailEditorFor: nodeId });
  },

  setShortcutsOpen(open) {
    set({ shortcutsOpen: open });
  },

  setLivePanelOpen(open) {
    set({ livePanelOpen: open });
  },

  requestFocus(nodeId) {
    set((state) => ({ focusRequest: { nodeId, seq: (state.focusRequest?.seq ?? 0) + 1 } }));
  },

  requestFit() {
    set((state) => ({ fitRequest: state.fitRequest + 1 }));
  },
}));
