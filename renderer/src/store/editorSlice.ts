import type { StateCreator } from 'zustand';
import type { ApiClient } from '../../../shared/api';
import type { Journey } from '../../../shared/journey/schema';
import { lacksPositions } from '../canvas/cards';
import type { EdgeRoute } from '../canvas/layout';
import { applyEdit, copyFragment, type Fragment, type JourneyEdit, type Point, prepareFragment } from '../model/edit';
import { clearBackup, readBackup, writeBackup } from './backup';
import { EMPTY_HISTORY, type History, record, redo, undo } from './history';
import type { AppState } from './types';

/** The draft being edited, with its undo history. */
export interface EditorDoc {
  journeyId: string;
  journey: Journey;
  history: History;
  /** Bumped by every change except moving cards: what problems and card words depend on. */
  contentRevision: number;
  /** The journey when the current drag began; edits during a drag are one undo step. */
  gestureBase: Journey | null;
  /** JSON of what the engine last stored, to tell our own saves from changes made elsewhere. */
  savedJson: string;
  /** True when unsaved changes from an earlier session were brought back. */
  restored: boolean;
}

export type SaveState =
  | { status: 'saved'; at?: string }
  | { status: 'pending' }
  | { status: 'saving' }
  /** The draft cannot be stored yet (e.g. a step still needs an event); it is kept in this window. */
  | { status: 'blocked'; message: string }
  | { status: 'error'; message: string };

export type PanelName = 'step' | 'journey' | 'problems' | 'versions' | 'simulate';

export interface Selection {
  nodes: string[];
  edges: string[];
}

export interface EditorSlice {
  editor: EditorDoc | null;
  save: SaveState;
  selection: Selection;
  clipboard: Fragment | null;
  /** Asks the canvas to bring a node into view; `seq` makes the same node askable twice. */
  focusRequest: { nodeId: string; seq: number } | null;
  /** Bumped to ask the canvas to fit the whole journey in view (after a layout). */
  fitRequest: number;
  panel: PanelName;
  /** The email node whose editor is open. */
  emailEditorFor: string | null;
  shortcutsOpen: boolean;
  /** Edge lanes from the last auto-layout, valid while their cards stay where it put them. */
  layoutRoutes: { journeyId: string; routes: Record<string, EdgeRoute>; positions: Record<string, Point> } | null;

  /** Opens the selected journey in the editor once its document has arrived. */
  syncEditor(): void;
  /** Applies an edit as one undo step; edits with the same `key` in quick succession merge. */
  edit(edit: JourneyEdit, options?: { key?: string }): void;
  beginGesture(): void;
  /** Applies an edit inside a gesture: shown at once, recorded when the gesture ends. */
  previewEdit(edit: JourneyEdit): void;
  endGesture(): void;
  undo(): void;
  redo(): void;
  autoLayout(): void;
  setSelection(selection: Selection): void;
  selectNode(nodeId: string, options?: { focus?: boolean }): void;
  copySelection(): void;
  cutSelection(): void;
  /** Pastes the clipboard; `at` places its top-left corner there, otherwise it lands beside the original. */
  paste(at?: Point): void;
  duplicateSelection(): void;
  deleteSelection(): void;
  setPanel(panel: PanelName): void;
  openEmailEditor(nodeId: string | null): void;
  setShortcutsOpen(open: boolean): void;
  /** Saves now instead of after the pause; resolves when the engine has the draft (or refused it). */
  flushSave(): Promise<void>;
}

const SAVE_DELAY_MS = 500;
const RETRY_DELAY_MS = 3000;
const PASTE_OFFSET = 40;
const CLIPBOARD_KEY = 'dripagent.clipboard';

function readClipboard(): Fragment | null {
  try {
    const text = globalThis.localStorage?.getItem(CLIPBOARD_KEY);
    return text ? (JSON.parse(text) as Fragment) : null;
  } catch {
    return null;
  }
}

export function createEditorSlice(api: ApiClient): StateCreator<AppState, [], [], EditorSlice> {
  return (set, get) => {
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    let inFlight: Promise<void> | null = null;
    let pasteCount = 0;

    const scheduleSave = (delay = SAVE_DELAY_MS) => {
      clearTimeout(saveTimer);
      if (get().save.status !== 'blocked' && get().save.status !== 'error') set({ save: { status: 'pending' } });
      saveTimer = setTimeout(() => void get().flushSave(), delay);
    };

    /** Replaces the draft (and history) and saves it a moment later. */
    const commit = (journey: Journey, history: History, contentChanged: boolean) => {
      const editor = get().editor;
      if (!editor || editor.journey === journey) return;
      set({
        editor: {
          ...editor,
          journey,
          history,
          contentRevision: editor.contentRevision + (contentChanged ? 1 : 0),
        },
      });
      scheduleSave();
    };

    const liveSelection = (journey: Journey, selection: Selection): Selection => {
      const nodeIds = new Set(journey.nodes.map((node) => node.id));
      const edgeIds = new Set(journey.edges.map((edge) => edge.id));
      return {
        nodes: selection.nodes.filter((id) => nodeIds.has(id)),
        edges: selection.edges.filter((id) => edgeIds.has(id)),
      };
    };

    const afterHistoryStep = (result: { journey: Journey; history: History } | undefined) => {
      if (!result) return;
      commit(result.journey, result.history, true);
      set((state) => ({ selection: liveSelection(result.journey, state.selection) }));
    };

    /** Lays the open journey out: one undo step from the button, silently for a journey without positions. */
    const layOut = async (journeyId: string, recorded: boolean) => {
      const { layoutJourney } = await import('../canvas/layoutJourney');
      const editor = get().editor;
      if (editor?.journeyId !== journeyId) return;
      const layout = layoutJourney(editor.journey);
      const move: JourneyEdit = { type: 'move', positions: layout.positions };
      if (recorded) get().edit(move);
      else {
        set({ editor: { ...editor, journey: applyEdit(editor.journey, move) } });
        scheduleSave();
      }
      set((state) => ({
        layoutRoutes: { journeyId, routes: layout.routes, positions: layout.positions },
        fitRequest: state.fitRequest + 1,
      }));
    };

    const saveOnce = async (): Promise<void> => {
      if (!get().editor) return;
      // The schema and the validator load after the first paint: nothing is saved before an edit.
      const { Journey, saveBlocker } = await import('./saveCheck');
      const editor = get().editor;
      if (!editor) return;
      const parsed = Journey.safeParse(editor.journey);
      if (!parsed.success) {
        writeBackup(editor.journeyId, editor.journey);
        set({ save: { status: 'blocked', message: saveBlocker(editor.journey, parsed.error) } });
        return;
      }
      const json = JSON.stringify(parsed.data);
      if (json === editor.savedJson) {
        clearBackup(editor.journeyId);
        set({ save: { status: 'saved' } });
        return;
      }
      set({ save: { status: 'saving' } });
      const savedDoc = editor.journey;
      const result = await api.callResult('journey.save', { journey: parsed.data });
      const now = get().editor;
      if (!result.ok) {
        writeBackup(editor.journeyId, editor.journey);
        set({ save: { status: 'error', message: result.error.message } });
        clearTimeout(saveTimer);
        saveTimer = setTimeout(() => void get().flushSave(), RETRY_DELAY_MS);
        return;
      }
      clearBackup(editor.journeyId);
      const { summary } = result.result;
      set((state) => ({
        journeyList: state.journeyList.some((row) => row.id === summary.id)
          ? state.journeyList.map((row) => (row.id === summary.id ? summary : row))
          : [...state.journeyList, summary],
        journeys: { ...state.journeys, [summary.id]: { summary, journey: parsed.data } },
        editor: now && now.journeyId === editor.journeyId ? { ...now, savedJson: json } : now,
      }));
      if (now && now.journeyId === editor.journeyId && now.journey !== savedDoc) scheduleSave();
      else set({ save: { status: 'saved', at: summary.updatedAt } });
    };

    return {
      editor: null,
      save: { status: 'saved' },
      selection: { nodes: [], edges: [] },
      // Read from storage when first pasted: storage is slow to open, and the first paint needs none of it.
      clipboard: null,
      focusRequest: null,
      fitRequest: 0,
      panel: 'step',
      emailEditorFor: null,
      shortcutsOpen: false,
      layoutRoutes: null,

      syncEditor() {
        const { selectedJourneyId, journeys, editor } = get();
        if (selectedJourneyId === null) {
          if (editor) set({ editor: null, selection: { nodes: [], edges: [] } });
          return;
        }
        const loaded = journeys[selectedJourneyId];
        if (!loaded) return;
        if (editor?.journeyId === selectedJourneyId) {
          // A change made elsewhere (an import over this journey) replaces a draft with nothing unsaved.
          const serverJson = JSON.stringify(loaded.journey);
          if (get().save.status === 'saved' && serverJson !== editor.savedJson && editor.journey !== loaded.journey) {
            set({
              editor: {
                ...editor,
                journey: loaded.journey,
                history: EMPTY_HISTORY,
                savedJson: serverJson,
                contentRevision: editor.contentRevision + 1,
              },
            });
          }
          return;
        }
        if (editor) void get().flushSave();
        const backup = readBackup(selectedJourneyId);
        const journey = backup ?? loaded.journey;
        pasteCount = 0;
        set({
          editor: {
            journeyId: selectedJourneyId,
            journey,
            history: EMPTY_HISTORY,
            // Unique per opening, so caches keyed by revision never mistake one opening for another.
            contentRevision: Date.now(),
            gestureBase: null,
            savedJson: JSON.stringify(loaded.journey),
            restored: backup !== undefined,
          },
          layoutRoutes: null,
          selection: { nodes: [], edges: [] },
          emailEditorFor: null,
          save: { status: 'saved' },
        });
        if (journey !== loaded.journey) scheduleSave(0);
        // A journey without positions (a generated file) is laid out once, as the draft's starting point.
        if (lacksPositions(journey)) void layOut(selectedJourneyId, false);
      },

      edit(edit, options = {}) {
        const editor = get().editor;
        if (!editor) return;
        const base = editor.gestureBase ?? editor.journey;
        const next = applyEdit(editor.journey, edit);
        if (next === editor.journey) return;
        if (editor.gestureBase) {
          commit(next, editor.history, edit.type !== 'move');
          return;
        }
        commit(next, record(editor.history, base, next, { ...options, at: Date.now() }), edit.type !== 'move');
      },

      beginGesture() {
        const editor = get().editor;
        if (editor && !editor.gestureBase) set({ editor: { ...editor, gestureBase: editor.journey } });
      },

      previewEdit(edit) {
        const editor = get().editor;
        if (!editor) return;
        const next = applyEdit(editor.journey, edit);
        if (next === editor.journey) return;
        set({
          editor: {
            ...editor,
            journey: next,
            contentRevision: editor.contentRevision + (edit.type === 'move' ? 0 : 1),
          },
        });
      },

      endGesture() {
        const editor = get().editor;
        if (!editor?.gestureBase) return;
        const history = record(editor.history, editor.gestureBase, editor.journey, { at: Date.now() });
        set({ editor: { ...editor, history, gestureBase: null } });
        if (editor.gestureBase !== editor.journey) scheduleSave();
      },

      undo() {
        const editor = get().editor;
        if (editor && !editor.gestureBase) afterHistoryStep(undo(editor.history, editor.journey));
      },

      redo() {
        const editor = get().editor;
        if (editor && !editor.gestureBase) afterHistoryStep(redo(editor.history, editor.journey));
      },

      autoLayout() {
        const editor = get().editor;
        if (editor) void layOut(editor.journeyId, true);
      },

      setSelection(selection) {
        const current = get().selection;
        if (sameIds(current.nodes, selection.nodes) && sameIds(current.edges, selection.edges)) return;
        set({ selection });
      },

      selectNode(nodeId, options = {}) {
        set((state) => ({
          selection: { nodes: [nodeId], edges: [] },
          panel: 'step',
          focusRequest: options.focus ? { nodeId, seq: (state.focusRequest?.seq ?? 0) + 1 } : state.focusRequest,
        }));
      },

      copySelection() {
        const { editor, selection } = get();
        if (!editor || selection.nodes.length === 0) return;
        const clipboard = copyFragment(editor.journey, selection.nodes);
        pasteCount = 0;
        set({ clipboard });
        try {
          globalThis.localStorage?.setItem(CLIPBOARD_KEY, JSON.stringify(clipboard));
        } catch {
          // A full or disabled storage only costs pasting into another window.
        }
      },

      cutSelection() {
        get().copySelection();
        get().deleteSelection();
      },

      paste(at) {
        const { editor } = get();
        const clipboard = get().clipboard ?? readClipboard();
        if (!editor || !clipboard || clipboard.nodes.length === 0) return;
        let offset: Point;
        if (at) {
          const minX = Math.min(...clipboard.nodes.map((node) => node.position.x));
          const minY = Math.min(...clipboard.nodes.map((node) => node.position.y));
          offset = { x: Math.round(at.x - minX), y: Math.round(at.y - minY) };
        } else {
          pasteCount++;
          offset = { x: PASTE_OFFSET * pasteCount, y: PASTE_OFFSET * pasteCount };
        }
        const fragment = prepareFragment(editor.journey, clipboard, offset);
        get().edit({ type: 'add', fragment });
        set({ selection: { nodes: fragment.nodes.map((node) => node.id), edges: [] } });
      },

      duplicateSelection() {
        const { editor, selection } = get();
        if (!editor || selection.nodes.length === 0) return;
        const fragment = prepareFragment(editor.journey, copyFragment(editor.journey, selection.nodes), {
          x: PASTE_OFFSET,
          y: PASTE_OFFSET,
        });
        get().edit({ type: 'add', fragment });
        set({ selection: { nodes: fragment.nodes.map((node) => node.id), edges: [] } });
      },

      deleteSelection() {
        const { selection } = get();
        if (selection.nodes.length === 0 && selection.edges.length === 0) return;
        get().edit({ type: 'remove', nodeIds: selection.nodes, edgeIds: selection.edges });
        set({ selection: { nodes: [], edges: [] } });
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

      async flushSave() {
        clearTimeout(saveTimer);
        while (inFlight) await inFlight;
        inFlight = saveOnce().finally(() => {
          inFlight = null;
        });
        await inFlight;
      },
    };
  };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}
