import type { Journey } from '../../../shared/journey/schema';
import { cardContent } from './cards';
import { type EdgeRoute, layoutGraph, type Positions } from './layout';

/** The layout of a journey: positions for every node and lanes for the downward edges. */
export interface JourneyLayout {
  positions: Positions;
  routes: Record<string, EdgeRoute>;
}

/**
 * Lays the whole journey out top to bottom (the auto-layout button). Pure.
 * @example layoutJourney(journey).positions.start // { x: 0, y: 0 }
 */
export function layoutJourney(journey: Journey): JourneyLayout {
  const contents = new Map(journey.nodes.map((node) => [node.id, cardContent(node, journey)] as const));
  const outputIndex = new Map<string, number>();
  for (const [id, content] of contents) {
    for (const [i, output] of content.outputs.entries()) outputIndex.set(`${id}:${output.id}`, i);
  }
  return layoutGraph(
    journey.nodes.map((node) => {
      const size = contents.get(node.id)?.size;
      return { id: node.id, width: size?.width ?? 0, height: size?.height ?? 0 };
    }),
    journey.edges.map((edge) => ({
      id: edge.id,
      source: edge.from,
      target: edge.to,
      order: outputIndex.get(`${edge.from}:${edge.output}`),
    })),
  );
}
