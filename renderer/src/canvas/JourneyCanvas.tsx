import '@xyflow/react/dist/style.css';
import './canvas.css';
import './glyphs.css';
import {
  Background,
  BackgroundVariant,
  type Connection,
  ControlButton,
  Controls,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react';
import {
  type DragEvent,
  memo,
  type ReactNode,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { nodeOutputs } from '../../../shared/journey/outputs';
import type { Journey, NodeType } from '../../../shared/journey/schema';
import { selectShownBacktest } from '../backtest/selectors';
import { NEW_EMAIL } from '../model/addStep';
import { cardContent } from '../model/cards';
import { createNode, type JourneyEdit, type Point } from '../model/edit';
import { PALETTE_GROUPS } from '../model/paletteItems';
import { centred, followOn, freeSpot } from '../model/placement';
import { useAppStore, useAppStoreApi } from '../store/context';
import { useDraftProblems } from '../store/problems/useProblems';
import { selectDraft, selectSelection } from '../store/selectors';
import type { AppStore } from '../store/store';
import { NODE_ACCENTS } from './accents';
import { EdgeControlsContext, edgeTypes } from './edges/RoutedEdge';
import { buildFlowEdges, buildFlowNodes, type EdgeCache, type NodeCache } from './flowModel';
import { type CardNode, type JourneyEdge, PALETTE_MIME } from './flowTypes';
import { InsertMenu } from './InsertMenu';
import { nodeTypes } from './nodes/nodeTypes';
import { OutputControlsContext } from './nodes/OutputAdd';
import { Palette } from './Palette';
import { useCanvasShortcuts } from './useCanvasShortcuts';
import { MINIMAP_SIZE, useCanvasView } from './useCanvasView';
import { type Bounds, boundsOf, openingViewport, type Viewport } from './viewport';

const PALETTE_TYPES = new Set<string>(PALETTE_GROUPS.flatMap((group) => group.items.map((item) => item.type)));
const minimapColor = (node: CardNode) => NODE_ACCENTS[node.data.node.type];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
/** The palette column's width, as canvas.css sets it. */
const PALETTE_WIDTH = 72;
/** Past this many steps only the cards in view are drawn: a 500-step journey opens and pans smoothly. */
const VIRTUALIZE_ABOVE = 200;

/**
 * The journey editor's canvas: the open draft as cards and edges, edited with the mouse and the
 * keyboard. Every change goes through the store as a `JourneyEdit`; React Flow only draws.
 * `overlay` is drawn over the canvas (the view composing it decides what, e.g. the simulation note).
 */
export const JourneyCanvas = memo(function JourneyCanvas({
  journeyId,
  overlay,
}: {
  journeyId: string;
  overlay?: ReactNode;
}) {
  // React Flow learns its size before its first render, so a large journey's first render already
  // draws only the cards in view (and never all of them once).
  const area = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const box = area.current?.getBoundingClientRect();
    if (box) setSize({ width: Math.max(0, box.width - PALETTE_WIDTH), height: box.height });
  }, []);
  return (
    <div className="canvas-area" ref={area}>
      {size && (
        <ReactFlowProvider key={journeyId} initialWidth={size.width} initialHeight={size.height}>
          <CanvasInner overlay={overlay} />
        </ReactFlowProvider>
      )}
    </div>
  );
});

function CanvasInner({ overlay }: { overlay: ReactNode }) {
  const store = useAppStoreApi();
  const journey = useAppStore(selectDraft) as Journey;
  const selection = useAppStore(selectSelection);
  const layoutRoutes = useAppStore((state) => state.layoutRoutes);
  const simLight = useAppStore((state) => state.simulation?.highlight ?? null);
  const backtest = useAppStore(selectShownBacktest);
  // On the edges out of one-output steps; a step with several outputs shows them beside its output labels.
  const edgeCounts = useMemo(() => {
    if (!backtest) return null;
    const single = new Set(journey.nodes.filter((n) => nodeOutputs(n).length === 1).map((n) => n.id));
    const counted = new Map(backtest.draft.edges.map((e) => [e.edgeId, e.count]));
    return new Map(journey.edges.filter((e) => single.has(e.from)).map((e) => [e.id, counted.get(e.id) ?? 0]));
  }, [backtest, journey]);
  const { byNode } = useDraftProblems();
  // A live journey as published runs: its cards badge only what is wrong, not advice.
  const runningAsPublished = useAppStore((state) => {
    const row = state.journeyList.find((summary) => summary.id === state.editor?.journeyId);
    return !!row && row.status !== 'draft' && !row.hasUnpublishedChanges;
  });
  const badges = useMemo(() => (runningAsPublished ? errorsOnly(byNode) : byNode), [runningAsPublished, byNode]);
  const flow = useReactFlow<CardNode, JourneyEdge>();
  const container = useRef<HTMLDivElement>(null);
  /** The step menu, open at a point of the canvas: to insert into a connection, or to add after a free output. */
  const [insertAt, setInsertAt] = useState<InsertTarget | null>(null);
  const [hoveredEdge, setHoveredEdge] = useState<string | null>(null);
  const hideTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(hideTimer.current), []);
  const showInsert = useCallback((edgeId: string) => {
    clearTimeout(hideTimer.current);
    setHoveredEdge(edgeId);
  }, []);
  const hideInsert = useCallback(() => {
    clearTimeout(hideTimer.current);
    // A moment's grace, so the pointer can travel from the edge to its "+".
    hideTimer.current = setTimeout(() => setHoveredEdge(null), 250);
  }, []);

  const nodeCache = useRef<NodeCache>(new Map());
  const edgeCache = useRef<EdgeCache>(new Map());
  const selectedNodes = useMemo(() => new Set(selection.nodes), [selection.nodes]);
  const selectedEdges = useMemo(() => new Set(selection.edges), [selection.edges]);
  const nodes = useMemo(
    () => buildFlowNodes(journey, selectedNodes, badges, nodeCache.current, simLight),
    [journey, selectedNodes, badges, simLight],
  );
  const routeSource = layoutRoutes?.journeyId === journey.id ? layoutRoutes : null;
  const edges = useMemo(
    () => buildFlowEdges(journey, selectedEdges, routeSource, hoveredEdge, edgeCache.current, simLight, edgeCounts),
    [journey, selectedEdges, routeSource, hoveredEdge, simLight, edgeCounts],
  );

  // Stable handlers: React Flow copies every changed prop into its store.
  const beginGesture = useCallback(() => store.getState().beginGesture(), [store]);
  const endGesture = useCallback(() => store.getState().endGesture(), [store]);
  const onNodeClick = useCallback(
    (event: React.MouseEvent, node: CardNode) => {
      // A plain click on one of several selected cards selects just that card.
      if (event.shiftKey || event.metaKey || event.ctrlKey) return;
      // While simulating, a click asks "what happened here?": the simulator shows that step's decisions.
      if (store.getState().panel === 'simulate') store.getState().setSelection({ nodes: [node.id], edges: [] });
      else store.getState().selectNode(node.id);
    },
    [store],
  );
  const onEdgeMouseEnter = useCallback((_: React.MouseEvent, edge: JourneyEdge) => showInsert(edge.id), [showInsert]);
  const onNodesChange = useCallback((changes: NodeChange<CardNode>[]) => applyNodeChanges(store, changes), [store]);
  const onEdgesChange = useCallback((changes: EdgeChange<JourneyEdge>[]) => applyEdgeChanges(store, changes), [store]);
  const onConnect = useCallback(
    (connection: Connection) => {
      if (!connection.sourceHandle) return;
      store
        .getState()
        .edit({ type: 'connect', from: connection.source, output: connection.sourceHandle, to: connection.target });
    },
    [store],
  );
  const isValidConnection = useCallback(
    (connection: { source: string; target: string }) => {
      const target = store.getState().editor?.journey.nodes.find((node) => node.id === connection.target);
      return connection.source !== connection.target && target?.type !== 'trigger';
    },
    [store],
  );

  /** The middle of what is on screen, in canvas coordinates. */
  const viewCentre = useCallback((): Point => {
    const box = container.current?.getBoundingClientRect();
    if (!box) return { x: 0, y: 0 };
    return flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
  }, [flow]);

  const addStep = useCallback(
    (type: NodeType, where?: Point) => {
      const state = store.getState();
      const draft = state.editor?.journey;
      if (!draft) return;
      const after =
        !where && state.selection.nodes.length === 1 ? followOn(draft, state.selection.nodes[0] as string) : undefined;
      const probe = createNode(draft, type, { x: 0, y: 0 }, NEW_EMAIL);
      const size = cardContent(probe.node, { templates: { [probe.node.id]: NEW_EMAIL } }).size;
      const wanted = after?.position ?? where ?? centred(viewCentre(), size);
      // Dropped steps go where they were dropped; placed ones step aside from cards already there.
      const position = where ? wanted : freeSpot(draft, wanted, size);
      const { node, template } = createNode(draft, type, position, NEW_EMAIL);
      const fragment = { nodes: [node], edges: [], templates: template ? { [node.id]: template } : {} };
      const edits: JourneyEdit[] = [{ type: 'add', fragment }];
      if (after && type !== 'trigger')
        edits.push({ type: 'connect', from: after.from, output: after.output, to: node.id });
      state.edit({ type: 'batch', edits });
      state.selectNode(node.id, { focus: true });
    },
    [store, viewCentre],
  );

  const insertOnEdge = useCallback(
    (edgeId: string, type: NodeType) => {
      setInsertAt(null);
      store.getState().insertIntoConnection(edgeId, type);
    },
    [store],
  );

  const outputControls = useMemo(
    () => ({
      add(nodeId: string, output: string, at: { x: number; y: number }) {
        const box = container.current?.getBoundingClientRect();
        setInsertAt({ nodeId, output, x: at.x - (box?.left ?? 0), y: at.y - (box?.top ?? 0) });
      },
    }),
    [],
  );

  const edgeControls = useMemo(
    () => ({
      hold: showInsert,
      release: hideInsert,
      insert(edgeId: string, at: { x: number; y: number }) {
        const box = container.current?.getBoundingClientRect();
        setInsertAt({ edgeId, x: at.x - (box?.left ?? 0), y: at.y - (box?.top ?? 0) });
      },
    }),
    [showInsert, hideInsert],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_MIME) as NodeType;
      if (!PALETTE_TYPES.has(type)) return;
      event.preventDefault();
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addStep(type, { x: point.x - 136, y: point.y - 30 });
    },
    [flow, addStep],
  );

  // The opening view is known before React Flow first draws (so it never jumps, and a large
  // journey draws only the cards of that view): measure the canvas, then mount React Flow.
  const [openingView, setOpeningView] = useState<Viewport | null>(null);
  const nodesAtOpening = useRef(nodes);
  useLayoutEffect(() => {
    const box = container.current?.getBoundingClientRect();
    if (box)
      setOpeningView(
        openingViewport(boundsOf(nodesAtOpening.current), box, { start: startOf(nodesAtOpening.current) }),
      );
  }, []);
  const view = useCanvasView({ store, flow, container, nodes });
  const { placeMinimap } = view;
  const onMoveEnd = useCallback((_: unknown, viewport: Viewport) => placeMinimap(viewport), [placeMinimap]);
  const markReady = useCallback(() => {
    placeMinimap();
    // Tests wait for this instead of sleeping.
    container.current?.setAttribute('data-ready', 'true');
  }, [placeMinimap]);

  const focusRequest = useAppStore((state) => state.focusRequest);
  useEffect(() => {
    if (!focusRequest) return;
    const draft = store.getState().editor?.journey;
    const node = draft?.nodes.find((candidate) => candidate.id === focusRequest.nodeId);
    const box = container.current?.getBoundingClientRect();
    if (!draft || !node || !box) return;
    const { width, height } = cardContent(node, draft).size;
    const { x, y, zoom } = flow.getViewport();
    // Only move when the card is not already comfortably in view, clear of the minimap.
    const left = box.left + node.position.x * zoom + x;
    const top = box.top + node.position.y * zoom + y;
    const right = left + width * zoom;
    const bottom = top + height * zoom;
    const minimap = container.current?.querySelector('.react-flow__minimap')?.getBoundingClientRect();
    const underMinimap =
      !!minimap && right > minimap.left && left < minimap.right && bottom > minimap.top && top < minimap.bottom;
    const inView =
      left > box.left + 24 && top > box.top + 24 && right < box.right - 24 && bottom < box.bottom - 24 && !underMinimap;
    if (!inView)
      void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, {
        zoom: Math.max(zoom, 0.8),
        duration: 200,
      });
  }, [focusRequest, flow, store]);

  // The overview draws every card again: a large journey shows it a moment after its canvas.
  const [showMinimap, setShowMinimap] = useState(journey.nodes.length <= VIRTUALIZE_ABOVE);
  useEffect(() => {
    if (showMinimap) return;
    const timer = setTimeout(() => setShowMinimap(true), 1200);
    return () => clearTimeout(timer);
  }, [showMinimap]);

  const { fitAll } = view;

  const fitRequest = useAppStore((state) => state.fitRequest);
  const lastFit = useRef(fitRequest);
  useEffect(() => {
    if (fitRequest === lastFit.current) return;
    lastFit.current = fitRequest;
    fitAll();
  }, [fitRequest, fitAll]);

  useCanvasShortcuts({ store, flow, viewCentre, fitAll });

  return (
    <>
      <Palette onAdd={addStep} />
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop target of palette drags; the palette's buttons are the keyboard way. */}
      <div className="canvas" data-testid="canvas" ref={container} onDragOver={onDragOver} onDrop={onDrop}>
        <EdgeControlsContext.Provider value={edgeControls}>
          <OutputControlsContext.Provider value={outputControls}>
            {openingView && (
              <ReactFlow<CardNode, JourneyEdge>
                colorMode="system"
                defaultViewport={openingView}
                nodes={nodes}
                edges={edges}
                nodeTypes={nodeTypes}
                edgeTypes={edgeTypes}
                onInit={markReady}
                onNodesChange={onNodesChange}
                onEdgesChange={onEdgesChange}
                onConnect={onConnect}
                isValidConnection={isValidConnection}
                onEdgeMouseEnter={onEdgeMouseEnter}
                onEdgeMouseLeave={hideInsert}
                onNodeClick={onNodeClick}
                onNodeDragStart={beginGesture}
                onNodeDragStop={endGesture}
                onSelectionDragStart={beginGesture}
                onSelectionDragStop={endGesture}
                onlyRenderVisibleElements={journey.nodes.length > VIRTUALIZE_ABOVE}
                deleteKeyCode={null}
                multiSelectionKeyCode={MULTI_SELECT_KEYS}
                selectionKeyCode="Shift"
                panOnScroll
                onMoveEnd={onMoveEnd}
                minZoom={0.15}
                maxZoom={2}
                snapToGrid
                snapGrid={[4, 4]}
                connectionRadius={28}
                proOptions={{ hideAttribution: true }}
              >
                <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="var(--line-faint)" />
                {showMinimap && view.minimap.visible && (
                  <MiniMap<CardNode>
                    style={MINIMAP_SIZE}
                    position={view.minimap.corner}
                    nodeColor={minimapColor}
                    nodeBorderRadius={6}
                    pannable
                    zoomable
                    ariaLabel="Journey overview"
                  />
                )}
                <Controls showInteractive={false} showFitView={false}>
                  <ControlButton onClick={fitAll} aria-label="Fit view" title="Fit the journey, at a size you can read">
                    <svg viewBox="0 0 16 16" aria-hidden="true">
                      <path
                        d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4"
                        fill="none"
                        stroke="currentColor"
                        strokeWidth="1.6"
                      />
                    </svg>
                  </ControlButton>
                  <ControlButton
                    onClick={view.minimap.toggle}
                    aria-label={view.minimap.visible ? 'Hide the overview' : 'Show the overview'}
                    title={view.minimap.visible ? 'Hide the overview' : 'Show the overview'}
                    data-testid="toggle-minimap"
                    aria-pressed={view.minimap.visible}
                  >
                    <svg viewBox="0 0 16 16" aria-hidden="true">
                      <rect
                        x="2"
                        y="3"
                        width="12"
                        height="10"
                        rx="1.5"
                        fill="none"
                        stroke="currentColor"
                        strokeWidth="1.4"
                      />
                      <rect x="8" y="8" width="4" height="3" fill="currentColor" />
                    </svg>
                  </ControlButton>
                </Controls>
              </ReactFlow>
            )}
          </OutputControlsContext.Provider>
        </EdgeControlsContext.Provider>
        {overlay}
        {journey.nodes.length === 0 && (
          <div className="canvas__empty" data-testid="canvas-empty">
            <p className="canvas__empty-title">An empty journey</p>
            <p>Start with a trigger: drag it from the left, or click it.</p>
          </div>
        )}
        {insertAt && (
          <InsertMenu
            at={insertAt}
            onChoose={(type) => {
              if ('edgeId' in insertAt) insertOnEdge(insertAt.edgeId, type);
              else {
                setInsertAt(null);
                store.getState().addStepAfter(type, insertAt.nodeId, insertAt.output);
              }
            }}
            onClose={() => setInsertAt(null)}
          />
        )}
      </div>
    </>
  );
}

/** Where the step menu is open (canvas pixels): into a connection, or after a free output. */
type InsertTarget = ({ edgeId: string } | { nodeId: string; output: string }) & { x: number; y: number };

/** The journey's first card (its trigger, else its top card), where reading starts. */
function startOf(nodes: readonly CardNode[]): Bounds | undefined {
  const first =
    nodes.find((node) => node.type === 'trigger') ?? [...nodes].sort((a, b) => a.position.y - b.position.y)[0];
  return first && { ...first.position, width: first.width ?? 0, height: first.height ?? 0 };
}

function errorsOnly(
  counts: ReadonlyMap<string, { errors: number; warnings: number }>,
): ReadonlyMap<string, { errors: number; warnings: number }> {
  const errors = new Map<string, { errors: number; warnings: number }>();
  for (const [nodeId, count] of counts) if (count.errors > 0) errors.set(nodeId, { errors: count.errors, warnings: 0 });
  return errors;
}

/** Drags move cards (one undo step per drag); arrow-key moves merge while they keep coming. */
function applyNodeChanges(store: AppStore, changes: NodeChange<CardNode>[]) {
  const state = store.getState();
  const positions: Record<string, Point> = {};
  let selection: string[] | undefined;
  for (const change of changes) {
    if (change.type === 'position' && change.position) {
      positions[change.id] = { x: Math.round(change.position.x), y: Math.round(change.position.y) };
    } else if (change.type === 'select') {
      selection ??= state.selection.nodes.slice();
      if (change.selected && !selection.includes(change.id)) selection.push(change.id);
      if (!change.selected) selection = selection.filter((id) => id !== change.id);
    }
  }
  if (Object.keys(positions).length > 0) {
    if (state.editor?.gestureBase) state.previewEdit({ type: 'move', positions });
    else state.edit({ type: 'move', positions }, { key: 'nudge' });
  }
  if (selection) {
    const current = store.getState().selection;
    store.getState().setSelection({ nodes: selection, edges: current.edges });
    if (selection.length > 0 && store.getState().panel !== 'simulate') store.getState().setPanel('step');
  }
}

function applyEdgeChanges(store: AppStore, changes: EdgeChange<JourneyEdge>[]) {
  const current = store.getState().selection;
  let edges: string[] | undefined;
  for (const change of changes) {
    if (change.type !== 'select') continue;
    edges ??= current.edges.slice();
    if (change.selected && !edges.includes(change.id)) edges.push(change.id);
    if (!change.selected) edges = edges.filter((id) => id !== change.id);
  }
  if (edges) store.getState().setSelection({ nodes: store.getState().selection.nodes, edges });
}
