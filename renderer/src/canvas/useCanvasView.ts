import type { ReactFlowInstance } from '@xyflow/react';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { cardContent } from '../model/cards';
import { useAppStore } from '../store/context';
import type { AppStore } from '../store/store';
import type { CardNode, JourneyEdge } from './flowTypes';
import { type MinimapCorner, minimapCorner } from './minimapCorner';
import { boundsOf, pathViewport, type Viewport } from './viewport';

export const MINIMAP_SIZE = { width: 168, height: 116 };

/** The user's say on the overview: as placed (it folds away when it would cover a card), shown or hidden. */
type MinimapChoice = 'auto' | 'shown' | 'hidden';

export interface CanvasView {
  /** The whole journey at a readable size: its beginning when it is too big (pan for the rest). */
  fitAll(): void;
  /** Call when a pan or zoom ends: the overview moves away from the cards now under it. */
  placeMinimap(viewport?: Viewport): void;
  minimap: { visible: boolean; corner: MinimapCorner; toggle(): void };
}

/**
 * What the canvas shows: fitting at a readable size, keeping the view's centre when the canvas
 * changes size (a wider side panel), bringing a simulated path into view, and an overview that
 * never covers a card (it goes to a free corner, or folds away).
 */
export function useCanvasView({
  store,
  flow,
  container,
  nodes,
}: {
  store: AppStore;
  flow: ReactFlowInstance<CardNode, JourneyEdge>;
  container: RefObject<HTMLDivElement | null>;
  nodes: readonly CardNode[];
}): CanvasView {
  const [choice, setChoice] = useState<MinimapChoice>('auto');
  const [corner, setCorner] = useState<MinimapCorner | null>('bottom-right');
  const simulating = useAppStore((state) => state.simulation !== null);
  const path = useAppStore((state) => state.simulation?.result?.path);

  const placeMinimap = useCallback(
    (viewport: Viewport = flow.getViewport()) => {
      const box = container.current?.getBoundingClientRect();
      if (!box) return;
      const cards = nodes.map((node) => ({ ...node.position, width: node.width ?? 0, height: node.height ?? 0 }));
      // The simulation note sits top left.
      const corners: MinimapCorner[] = simulating
        ? ['bottom-right', 'top-right']
        : ['bottom-right', 'top-right', 'top-left'];
      setCorner(minimapCorner(box, viewport, cards, MINIMAP_SIZE, corners));
    },
    [container, flow, nodes, simulating],
  );

  /** Shows these cards (all when null), with `current` in view if they do not fit. */
  const showCards = useCallback(
    (ids: readonly string[] | null, current: string | null, duration: number) => {
      const draft = store.getState().editor?.journey;
      const box = container.current?.getBoundingClientRect();
      if (!draft || !box) return;
      const wanted = ids ? new Set(ids) : null;
      const cardBox = (node: (typeof draft.nodes)[number]) => ({
        position: node.position,
        ...cardContent(node, draft).size,
      });
      const shown = draft.nodes.filter((node) => !wanted || wanted.has(node.id));
      if (shown.length === 0) return;
      const bounds = boundsOf(shown.map(cardBox));
      const focus = draft.nodes.find((node) => node.id === current);
      const trigger = draft.nodes.find((node) => node.type === 'trigger' && (!wanted || wanted.has(node.id)));
      const viewport = pathViewport(bounds, focus ? boundsOf([cardBox(focus)]) : undefined, box, {
        ...(trigger ? { start: boundsOf([cardBox(trigger)]) } : {}),
      });
      void flow.setViewport(viewport, { duration });
      placeMinimap(viewport);
    },
    [container, flow, store, placeMinimap],
  );

  const fitAll = useCallback(() => showCards(null, null, 250), [showCards]);

  // A simulated path comes into view once its scenario has run (the side panel has widened by
  // then), and the step the user is at is brought clear of the overview.
  const shownPath = useRef<string | null>(null);
  const scenarioKey = useAppStore((state) =>
    state.simulation?.result ? `${state.simulation.journeyId}:${state.simulation.scenario.id}` : null,
  );
  useEffect(() => {
    if (!scenarioKey || !path || scenarioKey === shownPath.current) {
      if (!scenarioKey) shownPath.current = null;
      return;
    }
    shownPath.current = scenarioKey;
    const current = store.getState().simulation?.highlight?.current ?? null;
    showCards(
      path.map((step) => step.nodeId),
      current,
      0,
    );
  }, [scenarioKey, path, showCards, store]);

  // A canvas that changes size (the simulator's wider panel, a resized window) keeps its centre.
  useEffect(() => {
    const element = container.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    let last = element.getBoundingClientRect();
    const observer = new ResizeObserver(() => {
      const now = element.getBoundingClientRect();
      if (now.width === last.width && now.height === last.height) return;
      const { x, y, zoom } = flow.getViewport();
      const viewport = { x: x + (now.width - last.width) / 2, y: y + (now.height - last.height) / 2, zoom };
      last = now;
      void flow.setViewport(viewport);
      placeMinimap(viewport);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [container, flow, placeMinimap]);

  // Cards added, moved or lit by a simulation: the overview may have to move.
  useEffect(() => {
    placeMinimap();
  }, [placeMinimap]);

  const visible = choice === 'shown' || (choice === 'auto' && corner !== null);
  return {
    fitAll,
    placeMinimap,
    minimap: {
      visible,
      corner: corner ?? 'bottom-right',
      toggle: () => setChoice(visible ? 'hidden' : 'shown'),
    },
  };
}
