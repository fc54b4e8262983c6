import { BaseEdge, type Edge, type EdgeProps, getSmoothStepPath } from '@xyflow/react';
import { memo } from 'react';
import type { EdgeRoute } from '../layout';
import { roundedPath, routeCorners } from './routedPath';

export type RoutedEdgeData = { route?: EdgeRoute };
export type RoutedEdgeType = Edge<RoutedEdgeData, 'routed'>;

const CORNER_RADIUS = 12;

/**
 * An edge that follows the lanes the layout left free for it, so it never runs behind a card.
 * Edges without a route (loops back up, or after a card was moved) fall back to a smooth step.
 */
export const RoutedEdge = memo(function RoutedEdge(props: EdgeProps<RoutedEdgeType>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd, style } = props;
  const route = data?.route;
  const path =
    route && targetY > sourceY
      ? roundedPath(routeCorners({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }, route), CORNER_RADIUS)
      : getSmoothStepPath({
          sourceX,
          sourceY,
          targetX,
          targetY,
          sourcePosition,
          targetPosition,
          borderRadius: CORNER_RADIUS,
        })[0];
  return <BaseEdge path={path} markerEnd={markerEnd} style={style} />;
});

/** Defined once at module scope, like `nodeTypes`. */
export const edgeTypes = { routed: RoutedEdge };
