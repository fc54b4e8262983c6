import {
  BaseEdge,
  type Edge,
  EdgeLabelRenderer,
  type EdgeProps,
  getSmoothStepPath,
  getStraightPath,
} from '@xyflow/react';
import { createContext, memo, useContext } from 'react';
import type { EdgeRoute } from '../../model/layout';
import { roundedPath, routeCorners } from './routedPath';

/** `sim`: during a simulation, whether the user's path took this edge; `count`: how often a backtest took it. */
export type RoutedEdgeData = { route?: EdgeRoute; showInsert?: boolean; sim?: 'taken' | 'untaken'; count?: number };
export type RoutedEdgeType = Edge<RoutedEdgeData, 'routed'>;

const CORNER_RADIUS = 12;

/** How edges reach the canvas: which edge shows its "+", and how the "+" asks for a step there. */
export interface EdgeControls {
  /** Keeps the "+" shown while the pointer is on it. */
  hold(edgeId: string): void;
  release(edgeId: string): void;
  /** Offers the steps to insert; the point is in screen pixels. */
  insert(edgeId: string, at: { x: number; y: number }): void;
}

export const EdgeControlsContext = createContext<EdgeControls>({ hold() {}, release() {}, insert() {} });

/**
 * An edge that follows the lanes the layout left free for it, so it never runs behind a card.
 * Edges without a route (loops back up, or after a card was moved) take a smooth step. A "+"
 * in its middle, shown on hover (the canvas tracks it) or when the edge is selected, inserts a
 * step there. No hooks here: 500 edges render as plain paths.
 */
export const RoutedEdge = memo(function RoutedEdge(props: EdgeProps<RoutedEdgeType>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd, style, selected } =
    props;
  const route = data?.route;
  // A route through another lane goes around a card in between: that one keeps its corners.
  const straight =
    isStraightDown(sourceX, sourceY, targetX, targetY) &&
    (route?.columns ?? []).every((lane) => Math.abs(lane - sourceX) < ALIGNED);
  const [path, labelX, labelY] = straight
    ? getStraightPath({ sourceX, sourceY, targetX, targetY })
    : route && targetY > sourceY
      ? routedPathWithMiddle(sourceX, sourceY, targetX, targetY, route)
      : getSmoothStepPath({
          sourceX,
          sourceY,
          targetX,
          targetY,
          sourcePosition,
          targetPosition,
          borderRadius: CORNER_RADIUS,
        });
  return (
    <>
      <BaseEdge path={path} markerEnd={markerEnd} style={style} interactionWidth={18} data-sim={data?.sim} />
      {(data?.showInsert || selected) && (
        <InsertButton
          edgeId={id}
          x={straight && targetY - sourceY < SHORT_EDGE ? labelX + BESIDE : labelX}
          y={labelY}
        />
      )}
      {data?.count !== undefined && !(data.showInsert || selected) && (
        <EdgeLabelRenderer>
          <span
            className="edge-count"
            // Just below the output it leaves from: an edge's middle can pass beside other cards.
            style={{ transform: `translate(-50%, 0) translate(${sourceX}px, ${sourceY + 6}px)` }}
            data-testid={`edge-count-${id}`}
            data-count={data.count}
          >
            {data.count.toLocaleString()}
          </span>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

/**
 * A straight connection shorter than this is mostly under its two handles: its "+" goes beside
 * the line instead of on it, so the line itself can still be clicked (to select it).
 */
const SHORT_EDGE = 64;
/** How far beside the line that "+" sits: clear of the line's 18 px clickable band. */
const BESIDE = 22;

/**
 * Straight down, give or take a few pixels: a card beside a selected one (thicker border) or a
 * step inserted into a connection sits a pixel or two off its neighbour, and a smooth step across
 * that would draw a small wiggle, so such a connection is drawn as one straight line.
 */
const ALIGNED = 4;
const isStraightDown = (sourceX: number, sourceY: number, targetX: number, targetY: number) =>
  Math.abs(targetX - sourceX) < ALIGNED && targetY > sourceY;

function InsertButton({ edgeId, x, y }: { edgeId: string; x: number; y: number }) {
  const controls = useContext(EdgeControlsContext);
  return (
    <EdgeLabelRenderer>
      <button
        type="button"
        className="edge-insert nodrag nopan"
        style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}
        data-testid={`insert-on-${edgeId}`}
        aria-label="Insert a step here"
        title="Insert a step here"
        onMouseEnter={() => controls.hold(edgeId)}
        onMouseLeave={() => controls.release(edgeId)}
        onClick={(event) => {
          const box = event.currentTarget.getBoundingClientRect();
          controls.insert(edgeId, { x: box.left + box.width / 2, y: box.top + box.height / 2 });
        }}
      >
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
          <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
    </EdgeLabelRenderer>
  );
}

/** The routed path and the middle of its longest vertical run, where the "+" sits. */
function routedPathWithMiddle(
  sourceX: number,
  sourceY: number,
  targetX: number,
  targetY: number,
  route: EdgeRoute,
): [string, number, number] {
  const corners = routeCorners({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }, route);
  let best = { length: -1, x: sourceX, y: (sourceY + targetY) / 2 };
  for (let i = 1; i < corners.length; i++) {
    const a = corners[i - 1];
    const b = corners[i];
    if (!a || !b || a.x !== b.x) continue;
    const length = Math.abs(b.y - a.y);
    if (length > best.length) best = { length, x: a.x, y: (a.y + b.y) / 2 };
  }
  return [roundedPath(corners, CORNER_RADIUS), best.x, best.y];
}

/** Defined once at module scope, like `nodeTypes`. */
export const edgeTypes = { routed: RoutedEdge };
