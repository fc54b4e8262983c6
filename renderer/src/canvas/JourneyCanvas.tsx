import '@xyflow/react/dist/style.css';
import './canvas.css';
import { Background, BackgroundVariant, Controls, MiniMap, ReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { useCallback, useMemo, useRef } from 'react';
import type { Journey } from '../../../shared/journey/schema';
import { NODE_ACCENTS } from './accents';
import { edgeTypes } from './edges/RoutedEdge';
import type { CardNode, JourneyEdge } from './flowTypes';
import { nodeTypes } from './nodes/nodeTypes';
import { journeyToFlow } from './toFlow';
import { boundsOf, openingViewport } from './viewport';

const minimapColor = (node: CardNode) => NODE_ACCENTS[node.data.node.type];
const FIT_VIEW_OPTIONS = { padding: 0.08, maxZoom: 1 };

/**
 * A read-only picture of one journey. Its parent keys it by journey id, so each journey opens
 * at its own opening view: all of it when that is readable, else its beginning.
 */
export function JourneyCanvas({ journey }: { journey: Journey }) {
  const { nodes, edges } = useMemo(() => journeyToFlow(journey), [journey]);
  const container = useRef<HTMLDivElement>(null);

  const openView = useCallback(
    (flow: ReactFlowInstance<CardNode, JourneyEdge>) => {
      const box = container.current?.getBoundingClientRect();
      if (box) void flow.setViewport(openingViewport(boundsOf(nodes), box));
    },
    [nodes],
  );

  return (
    <div className="canvas" data-testid="canvas" ref={container}>
      <ReactFlow<CardNode, JourneyEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onInit={openView}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        panOnScroll
        minZoom={0.2}
        maxZoom={2}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
        <MiniMap<CardNode>
          nodeColor={minimapColor}
          nodeBorderRadius={6}
          pannable
          zoomable
          ariaLabel="Journey overview"
        />
        <Controls showInteractive={false} fitViewOptions={FIT_VIEW_OPTIONS} />
      </ReactFlow>
    </div>
  );
}
