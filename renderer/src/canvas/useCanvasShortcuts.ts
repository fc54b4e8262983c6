import type { ReactFlowInstance } from '@xyflow/react';
import { useEffect } from 'react';
import type { Point } from '../model/edit';
import type { AppStore } from '../store/store';
import type { CardNode, JourneyEdge } from './flowTypes';

const NUDGE = 4;
const NUDGE_FAR = 40;

/** Typing in a field, or working in a dialog, keeps its keys to itself. */
function belongsToSomethingElse(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('input, textarea, select, [contenteditable="true"], dialog, [role="menu"]')) return true;
  return document.querySelector('dialog[open]') !== null;
}

/**
 * The editor's keyboard shortcuts (listed in shortcuts.ts). Listens on the document, so they work
 * wherever the focus is, except in fields and dialogs.
 */
export function useCanvasShortcuts({
  store,
  flow,
  viewCentre,
  fitAll,
}: {
  store: AppStore;
  flow: ReactFlowInstance<CardNode, JourneyEdge>;
  viewCentre: () => Point;
  fitAll: () => void;
}) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || belongsToSomethingElse(event.target)) return;
      const state = store.getState();
      if (!state.editor) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const handled = () => event.preventDefault();

      if (mod && key === 'z') {
        handled();
        if (event.shiftKey) state.redo();
        else state.undo();
      } else if (mod && key === 'y') {
        handled();
        state.redo();
      } else if (mod && key === 'c') {
        state.copySelection();
      } else if (mod && key === 'x') {
        handled();
        state.cutSelection();
      } else if (mod && key === 'v') {
        handled();
        const clipboard = state.clipboard;
        const fromHere = clipboard?.nodes.some((node) => state.editor?.journey.nodes.some((own) => own.id === node.id));
        if (fromHere) state.paste();
        else state.paste(viewCentre());
      } else if (mod && key === 'd') {
        handled();
        state.duplicateSelection();
      } else if (mod && key === 'a') {
        handled();
        state.setSelection({ nodes: state.editor.journey.nodes.map((node) => node.id), edges: [] });
      } else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) {
        handled();
        state.deleteSelection();
      } else if (event.key === 'Escape') {
        state.setSelection({ nodes: [], edges: [] });
      } else if (event.key === '?') {
        handled();
        state.setShortcutsOpen(true);
      } else if (event.shiftKey && (event.key === '!' || event.code === 'Digit1')) {
        handled();
        fitAll();
      } else if (!mod && (event.key === '+' || event.key === '=')) {
        handled();
        void flow.zoomIn({ duration: 150 });
      } else if (!mod && event.key === '-') {
        handled();
        void flow.zoomOut({ duration: 150 });
      } else if (event.key.startsWith('Arrow') && state.selection.nodes.length > 0) {
        // A focused card moves itself (React Flow's keyboard support); otherwise the selection moves here.
        if (event.target instanceof HTMLElement && event.target.closest('.react-flow__node')) return;
        handled();
        const step = event.shiftKey ? NUDGE_FAR : NUDGE;
        const dx = event.key === 'ArrowLeft' ? -step : event.key === 'ArrowRight' ? step : 0;
        const dy = event.key === 'ArrowUp' ? -step : event.key === 'ArrowDown' ? step : 0;
        const positions: Record<string, Point> = {};
        for (const node of state.editor.journey.nodes) {
          if (state.selection.nodes.includes(node.id))
            positions[node.id] = { x: node.position.x + dx, y: node.position.y + dy };
        }
        state.edit({ type: 'move', positions }, { key: 'nudge' });
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [store, flow, viewCentre, fitAll]);
}
