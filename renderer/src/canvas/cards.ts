import { type NodeOutput, nodeOutputs } from '../../../shared/journey/outputs';
import type { Journey, JourneyNode } from '../../../shared/journey/schema';
import { describeEligibility, describeNodeBrief, nodeTitle } from '../model/describe';
import { type CardSize, cardSize } from './nodeSize';

/** What a card shows about a node, apart from where it is. */
export interface CardContent {
  title: string;
  summary: string;
  detail?: string;
  outputs: NodeOutput[];
  size: CardSize;
}

/**
 * The words and size of a node's card. Depends on the node (not its position) and, for an
 * email, on its template's subject.
 */
export function cardContent(node: JourneyNode, journey: Pick<Journey, 'templates'>): CardContent {
  const outputs = nodeOutputs(node);
  const summary = describeNodeBrief(node, journey);
  const detail = node.type === 'trigger' ? describeEligibility(node) : undefined;
  return {
    title: nodeTitle(node),
    summary,
    ...(detail ? { detail } : {}),
    outputs,
    size: cardSize(outputs.length, summary, detail),
  };
}

/** True when a journey's nodes carry no real positions (all on one spot), e.g. a generated file. */
export function lacksPositions(journey: Journey): boolean {
  const [first, ...rest] = journey.nodes;
  if (!first || rest.length === 0) return false;
  return rest.every((node) => node.position.x === first.position.x && node.position.y === first.position.y);
}
