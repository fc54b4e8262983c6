import type { Journey } from '../../../shared/journey/schema';
import { lacksPositions } from '../model/cards';
import { applyEdit, type JourneyEdit, type Point } from '../model/edit';
import type { EdgeRoute } from '../model/layout';
import { readBackup } from './backup';
import { EMPTY_HISTORY, type History, record, redo, undo } from './history';
import { slice } from './slice';

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

/** The open draft and its history: every change is a `JourneyEdit` applied by a pure reducer. */
export interface DocumentSlice {
  editor: EditorDoc | null;
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
  /** The engine now stores `json` for this journey (see autosave). */
  markStored(journeyId: string, json: string): void;
}

export const createDocumentSlice = slice<DocumentSlice>((set, get) => {
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
    get().scheduleSave();
  };

  const afterHistoryStep = (result: { journey: Journey; history: History } | undefined) => {
    if (!result) return;
    commit(result.journey, result.history, true);
    get().pruneSelection(result.journey);
  };

  /** Lays the open journey out: one undo step from the button, silently for a journey without positions. */
  const layOut = async (journeyId: string, recorded: boolean) => {
    const { layoutJourney } = await import('../model/layoutJourney');
    const editor = get().editor;
    if (editor?.journeyId !== journeyId) return;
    const layout = layoutJourney(editor.journey);
    const move: JourneyEdit = { type: 'move', positions: layout.positions };
    if (recorded) get().edit(move);
    else {
      set({ editor: { ...editor, journey: applyEdit(editor.journey, move) } });
      get().scheduleSave();
    }
    set({ layoutRoutes: { journeyId, routes: layout.routes, positions: layout.positions } });
    get().requestFit();
  };

  /** Opens a journey fetched from the engine, or its unsaved draft from an earlier session. */
  const open = (journeyId: string, stored: Journey) => {
    if (get().editor) void get().flushSave();
    const backup = readBackup(journeyId);
    const journey = backup ?? stored;
    set({
      editor: {
        journeyId,
        journey,
        history: EMPTY_HISTORY,
        // Unique per opening, so caches keyed by revision never mistake one opening for another.
        contentRevision: Date.now(),
        gestureBase: null,
        savedJson: JSON.stringify(stored),
        restored: backup !== undefined,
      },
      layoutRoutes: null,
    });
    get().resetSelection();
    get().openEmailEditor(null);
    get().resetSave();
    if (journey !== stored) get().scheduleSave(0);
    // A journey without positions (a generated file) is laid out once, as the draft's starting point.
    if (lacksPositions(journey)) void layOut(journeyId, false);
  };

  return {
    editor: null,
    layoutRoutes: null,

    syncEditor() {
      const { selectedJourneyId, journeys, editor } = get();
      if (selectedJourneyId === null) {
        if (editor) {
          set({ editor: null });
          get().resetSelection();
        }
        return;
      }
      const loaded = journeys[selectedJourneyId];
      if (!loaded) return;
      if (editor?.journeyId !== selectedJourneyId) {
        open(selectedJourneyId, loaded.journey);
        return;
      }
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
      if (editor.gestureBase !== editor.journey) get().scheduleSave();
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

    markStored(journeyId, json) {
      const editor = get().editor;
      if (editor?.journeyId === journeyId) set({ editor: { ...editor, savedJson: json } });
    },
  };
});
