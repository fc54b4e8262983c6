import { nodeOutputs } from '../../../shared/journey/outputs';
import type { Journey, JourneyNode } from '../../../shared/journey/schema';
import { cardContent } from './cards';
import type { Point } from './edit';

/** Where new cards go on the canvas: pure geometry over the draft, so the canvas only asks. */

export interface Size {
  width: number;
  height: number;
}

/** Vertical room left between a card and the one placed below it. */
export const ROW_GAP = 56;
/** Room kept clear around a placed card. */
const MARGIN = 24;
/** Horizontal step from one card to the next one beside it. */
const COLUMN_GAP = 40;
/** A crowded canvas still gets a spot: after this many steps right, the last one is taken. */
const MAX_ATTEMPTS = 100;

/**
 * The first place at or right of `wanted` where a card of `size` overlaps no other card (with a margin).
 * @example freeSpot(journey, { x: 0, y: 0 }, { width: 272, height: 80 }) // { x: 312, y: 0 } when a card sits at 0,0
 */
export function freeSpot(journey: Journey, wanted: Point, size: Size): Point {
  const boxes = journey.nodes.map((node) => ({ ...node.position, ...cardContent(node, journey).size }));
  const spot = { ...wanted };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const blocker = boxes.find(
      (box) =>
        spot.x < box.x + box.width + MARGIN &&
        spot.x + size.width + MARGIN > box.x &&
        spot.y < box.y + box.height + MARGIN &&
        spot.y + size.height + MARGIN > box.y,
    );
    if (!blocker) return spot;
    spot.x = blocker.x + blocker.width + COLUMN_GAP;
  }
  return spot;
}

/**
 * The top-left corner of a card of `size` centred on a point.
 * @example centred({ x: 100, y: 100 }, { width: 40, height: 20 }) // { x: 80, y: 90 }
 */
export function centred(point: Point, size: Size): Point {
  return { x: point.x - size.width / 2, y: point.y - size.height / 2 };
}

/**
 * Where a step added after `nodeId` goes: below it, under its first output with nothing connected,
 * and which output to connect it to. Undefined when the node is missing or every output is taken.
 * @example followOn(journey, 'confirm') // { from: 'confirm', output: 'next', position: { x: 0, y: 136 } }
 */
export function followOn(
  journey: Journey,
  nodeId: string,
): { from: string; output: string; position: Point } | undefined {
  const node = journey.nodes.find((candidate) => candidate.id === nodeId);
  if (!node) return undefined;
  const output = nodeOutputs(node).find(
    (candidate) => !journey.edges.some((edge) => edge.from === node.id && edge.output === candidate.id),
  );
  const position = output ? belowOutput(journey, node, output.id) : undefined;
  return output && position ? { from: node.id, output: output.id, position } : undefined;
}

/**
 * Where a card added after one output of `node` goes: a row below the node, in that output's
 * column (the first output straight below, the next ones to the right).
 * @example belowOutput(journey, wait, 'timed_out') // { x: wait.x + 312, y: wait.y + height + 56 }
 */
export function belowOutput(journey: Journey, node: JourneyNode, output: string): Point | undefined {
  const index = nodeOutputs(node).findIndex((candidate) => candidate.id === output);
  if (index < 0) return undefined;
  const size = cardContent(node, journey).size;
  return {
    x: node.position.x + index * (size.width + COLUMN_GAP),
    y: node.position.y + size.height + ROW_GAP,
  };
}

/**
 * Makes room for a card of `height` inserted where `target` stands: every card from the target's
 * row down moves down by the card's height and a row gap. Returns only the cards that move.
 * @example roomAbove(journey, target, 80) // { [target.id]: { x, y: y + 136 }, ...cards below it }
 */
export function roomAbove(journey: Journey, target: JourneyNode, height: number): Record<string, Point> {
  const room = height + ROW_GAP;
  const positions: Record<string, Point> = {};
  for (const other of journey.nodes) {
    if (other.position.y >= target.position.y)
      positions[other.id] = { x: other.position.x, y: other.position.y + room };
  }
  return positions;
}
