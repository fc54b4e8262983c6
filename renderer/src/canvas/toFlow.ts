import { MarkerType } from '@xyflow/react';
import { describeEligibility, describeNode, nodeTitle } from '../../../shared/journey/describe';
import { nodeOutputs } from '../../../shared/journey/outputs';
import type { Journey } from '../../../shared/journey/schema';
import type { CardNode, JourneyEdge } from './flowTypes';
import { layoutGraph } from './layout';
import { cardSize } from './nodeSize';

/**
 * The React Flow picture of a journey: one card per node, laid out top to bottom, and one edge per
 * journey edge leaving the card through its named output. Pure, so it can be memoised on the journey.
 */
export function journeyToFlow(journey: Journey): { nodes: CardNode[]; edges: JourneyEdge[] } {
  const cards = journey.nodes.map((node) => {
    const outputs = nodeOutputs(node);
    const summary = describeNode(node, journey);
    const detail = node.type === 'trigger' ? describeEligibility(node) : undefined;
    return { node, outputs, summary, detail, size: cardSize(outputs.length, summary, detail) };
  });
  const outputIndex = new Map(
    cards.flatMap(({ node, outputs }) => outputs.map((output, index) => [`${node.id}:${output.id}`, index] as const)),
  );
  const { positions, routes } = layoutGraph(
    cards.map(({ node, size }) => ({ id: node.id, width: size.width, height: size.height })),
    journey.edges.map((edge) => ({
      id: edge.id,
      source: edge.from,
      target: edge.to,
      order: outputIndex.get(`${edge.from}:${edge.output}`),
    })),
  );

  const nodes = cards.map(
    ({ node, outputs, summary, detail, size }) =>
      ({
        id: node.id,
        type: node.type,
        position: positions[node.id] ?? { x: 0, y: 0 },
        width: size.width,
        height: size.height,
        data: {
          node,
          title: nodeTitle(node),
          summary,
          summaryLines: size.summaryLines,
          detail,
          detailLines: size.detailLines,
          outputs,
        },
      }) as CardNode,
  );

  const edges: JourneyEdge[] = journey.edges.map((edge) => ({
    id: edge.id,
    source: edge.from,
    sourceHandle: edge.output,
    target: edge.to,
    type: 'routed',
    data: { route: routes[edge.id] },
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#94a3b8' },
  }));

  return { nodes, edges };
}
