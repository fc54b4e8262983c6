import type { Journey, NodeType } from '../../../shared/journey/schema';
import { stepAfter, stepInto } from '../model/addStep';
import { copyFragment, type Fragment, type JourneyEdit, type Point, prepareFragment } from '../model/edit';
import { slice } from './slice';

export interface Selection {
  nodes: string[];
  edges: string[];
}

/** What is selected on the canvas, and what was copied (kept in storage for other windows). */
export interface SelectionSlice {
  selection: Selection;
  clipboard: Fragment | null;

  setSelection(selection: Selection): void;
  /** Selects one card and shows its step; `focus` brings it into view. */
  selectNode(nodeId: string, options?: { focus?: boolean }): void;
  /** Nothing selected, and the next paste lands beside the original again (a journey was opened). */
  resetSelection(): void;
  /** Drops ids the journey no longer has (after undo or redo). */
  pruneSelection(journey: Journey): void;
  copySelection(): void;
  cutSelection(): void;
  /** Pastes the clipboard; `at` places its top-left corner there, otherwise it lands beside the original. */
  paste(at?: Point): void;
  duplicateSelection(): void;
  deleteSelection(): void;
  /** Adds a step of `type` after one output of a step, connected from it, and selects it. */
  addStepAfter(type: NodeType, from: string, output: string): void;
  /** Inserts a step of `type` into a connection and selects it. */
  insertIntoConnection(edgeId: string, type: NodeType): void;
}

const PASTE_OFFSET = 40;
const CLIPBOARD_KEY = 'dripagent.clipboard';
const NOTHING: Selection = { nodes: [], edges: [] };

function readClipboard(): Fragment | null {
  try {
    const text = globalThis.localStorage?.getItem(CLIPBOARD_KEY);
    return text ? (JSON.parse(text) as Fragment) : null;
  } catch {
    return null;
  }
}

export const createSelectionSlice = slice<SelectionSlice>((set, get) => {
  /** Pastes in a row step further each time, so repeated pastes do not pile up. */
  let pasteCount = 0;

  /** Applies an edit that added a step, and selects the step (brought into view). */
  const addThenSelect = (added: { edit: JourneyEdit; nodeId: string } | undefined) => {
    if (!added) return;
    get().edit(added.edit);
    get().selectNode(added.nodeId, { focus: true });
  };

  /** Adds a fragment to the draft and selects what was added. */
  const addAndSelect = (fragment: Fragment) => {
    get().edit({ type: 'add', fragment });
    set({ selection: { nodes: fragment.nodes.map((node) => node.id), edges: [] } });
  };

  return {
    selection: NOTHING,
    // Read from storage when first pasted: storage is slow to open, and the first paint needs none of it.
    clipboard: null,

    setSelection(selection) {
      const current = get().selection;
      if (sameIds(current.nodes, selection.nodes) && sameIds(current.edges, selection.edges)) return;
      set({ selection });
    },

    selectNode(nodeId, options = {}) {
      set({ selection: { nodes: [nodeId], edges: [] } });
      get().setPanel('step');
      if (options.focus) get().requestFocus(nodeId);
    },

    resetSelection() {
      pasteCount = 0;
      set({ selection: NOTHING });
    },

    pruneSelection(journey) {
      const nodeIds = new Set(journey.nodes.map((node) => node.id));
      const edgeIds = new Set(journey.edges.map((edge) => edge.id));
      const { selection } = get();
      get().setSelection({
        nodes: selection.nodes.filter((id) => nodeIds.has(id)),
        edges: selection.edges.filter((id) => edgeIds.has(id)),
      });
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
      addAndSelect(prepareFragment(editor.journey, clipboard, offset));
    },

    duplicateSelection() {
      const { editor, selection } = get();
      if (!editor || selection.nodes.length === 0) return;
      const copy = copyFragment(editor.journey, selection.nodes);
      addAndSelect(prepareFragment(editor.journey, copy, { x: PASTE_OFFSET, y: PASTE_OFFSET }));
    },

    addStepAfter(type, from, output) {
      const journey = get().editor?.journey;
      addThenSelect(journey && stepAfter(journey, type, from, output));
    },

    insertIntoConnection(edgeId, type) {
      const journey = get().editor?.journey;
      addThenSelect(journey && stepInto(journey, edgeId, type));
    },

    deleteSelection() {
      const { selection } = get();
      if (selection.nodes.length === 0 && selection.edges.length === 0) return;
      get().edit({ type: 'remove', nodeIds: selection.nodes, edgeIds: selection.edges });
      set({ selection: NOTHING });
    },
  };
});

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}
