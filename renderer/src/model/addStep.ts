import type { Journey, NodeType, Template } from '../../../shared/journey/schema';
import { cardContent } from './cards';
import { createNode, type JourneyEdit } from './edit';
import { emailFromMarkdown } from './markdown';
import { belowOutput, freeSpot, roomAbove } from './placement';

/** A new email starts as an empty Markdown body, so the email editor opens it in Markdown. */
export const NEW_EMAIL: Template = { subject: '', ...emailFromMarkdown('') };

/**
 * A new step of `type` after one output of a step: placed below that output (beside any card
 * already there) and connected from it, as one edit. Undefined when the step or output is missing.
 * @example stepAfter(journey, 'email', 'wait_api_key', 'timed_out') // { edit: { type: 'batch', … }, nodeId: 'email_1' }
 */
export function stepAfter(
  journey: Journey,
  type: NodeType,
  from: string,
  output: string,
): { edit: JourneyEdit; nodeId: string } | undefined {
  const source = journey.nodes.find((node) => node.id === from);
  const wanted = source && belowOutput(journey, source, output);
  if (!wanted || type === 'trigger') return undefined;
  const probe = createNode(journey, type, wanted, NEW_EMAIL);
  const position = freeSpot(
    journey,
    wanted,
    cardContent(probe.node, { templates: { [probe.node.id]: NEW_EMAIL } }).size,
  );
  const { node, template } = createNode(journey, type, position, NEW_EMAIL);
  const fragment = { nodes: [node], edges: [], templates: template ? { [node.id]: template } : {} };
  return {
    edit: {
      type: 'batch',
      edits: [
        { type: 'add', fragment },
        { type: 'connect', from, output, to: node.id },
      ],
    },
    nodeId: node.id,
  };
}

/**
 * A new step of `type` inserted into a connection: where its target stands (the cards from there
 * down make room), between the two steps, as one edit. Undefined when the connection is missing.
 * @example stepInto(journey, 'start-next-confirm', 'delay') // { edit: { type: 'batch', … }, nodeId: 'delay_1' }
 */
export function stepInto(
  journey: Journey,
  edgeId: string,
  type: NodeType,
): { edit: JourneyEdit; nodeId: string } | undefined {
  const edge = journey.edges.find((candidate) => candidate.id === edgeId);
  const target = journey.nodes.find((node) => node.id === edge?.to);
  if (!edge || !target || type === 'trigger') return undefined;
  const { node, template } = createNode(journey, type, target.position, NEW_EMAIL);
  const height = cardContent(node, { templates: template ? { [node.id]: template } : {} }).size.height;
  return {
    edit: {
      type: 'batch',
      edits: [
        { type: 'move', positions: roomAbove(journey, target, height) },
        { type: 'insert_on_edge', edgeId, node, ...(template ? { template } : {}) },
      ],
    },
    nodeId: node.id,
  };
}
