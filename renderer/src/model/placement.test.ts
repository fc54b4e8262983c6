import { describe, expect, it } from 'vitest';
import { Journey, type NodeType } from '../../../shared/journey/schema';
import { cardContent } from './cards';
import { applyEdit, createNode, type Point } from './edit';
import { centred, followOn, freeSpot, ROW_GAP, roomAbove } from './placement';

const empty = (): Journey => Journey.parse({ formatVersion: 1, id: 'j', name: 'J', nodes: [], edges: [] });

/** Adds a node of `type` at `at` and returns the journey and the new node's id. */
function add(journey: Journey, type: NodeType, at: Point): { journey: Journey; id: string } {
  const { node, template } = createNode(journey, type, at);
  const fragment = { nodes: [node], edges: [], templates: template ? { [node.id]: template } : {} };
  return { journey: applyEdit(journey, { type: 'add', fragment }), id: node.id };
}

const sizeOf = (journey: Journey, id: string) => {
  const node = journey.nodes.find((candidate) => candidate.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return cardContent(node, journey).size;
};

describe('placing a new card', () => {
  it('keeps the wanted spot when nothing is there', () => {
    const { journey } = add(empty(), 'delay', { x: 0, y: 0 });
    expect(freeSpot(journey, { x: 0, y: 600 }, { width: 200, height: 80 })).toEqual({ x: 0, y: 600 });
  });

  it('steps right of a card that would be covered, clear of it', () => {
    const { journey, id } = add(empty(), 'delay', { x: 0, y: 0 });
    const { width } = sizeOf(journey, id);
    const spot = freeSpot(journey, { x: 10, y: 10 }, { width: 200, height: 80 });
    expect(spot).toEqual({ x: width + 40, y: 10 });
  });

  it('steps past a row of cards until one spot is free', () => {
    const first = add(empty(), 'delay', { x: 0, y: 0 });
    const { width } = sizeOf(first.journey, first.id);
    const second = add(first.journey, 'delay', { x: width + 40, y: 0 });
    const spot = freeSpot(second.journey, { x: 0, y: 0 }, { width: 200, height: 80 });
    expect(spot).toEqual({ x: 2 * (width + 40), y: 0 });
  });

  it('does not mind a card far enough below', () => {
    const { journey } = add(empty(), 'delay', { x: 0, y: 500 });
    expect(freeSpot(journey, { x: 0, y: 0 }, { width: 200, height: 80 })).toEqual({ x: 0, y: 0 });
  });

  it('centres a card on a point', () => {
    expect(centred({ x: 100, y: 100 }, { width: 40, height: 20 })).toEqual({ x: 80, y: 90 });
  });
});

describe('a step added after the selected one', () => {
  it('goes below it, connected to its first output', () => {
    const { journey, id } = add(empty(), 'delay', { x: 100, y: 50 });
    const { height } = sizeOf(journey, id);
    expect(followOn(journey, id)).toEqual({ from: id, output: 'next', position: { x: 100, y: 50 + height + ROW_GAP } });
  });

  it('goes under the first output with nothing connected, one column per output', () => {
    const wait = add(empty(), 'wait', { x: 0, y: 0 });
    const next = add(wait.journey, 'delay', { x: 0, y: 400 });
    const connected = applyEdit(next.journey, { type: 'connect', from: wait.id, output: 'happened', to: next.id });
    const { width, height } = sizeOf(connected, wait.id);
    expect(followOn(connected, wait.id)).toEqual({
      from: wait.id,
      output: 'timed_out',
      position: { x: width + 40, y: height + ROW_GAP },
    });
  });

  it('is nowhere when every output is taken, or the step is gone', () => {
    const exit = add(empty(), 'exit', { x: 0, y: 0 });
    expect(followOn(exit.journey, exit.id)).toBeUndefined();
    expect(followOn(exit.journey, 'missing')).toBeUndefined();
  });
});

describe('inserting a card on an edge', () => {
  it('moves the target and every card below it down by the new card and a gap, and no other', () => {
    const top = add(empty(), 'delay', { x: 0, y: 0 });
    const target = add(top.journey, 'delay', { x: 0, y: 200 });
    const below = add(target.journey, 'delay', { x: 300, y: 400 });
    const node = below.journey.nodes.find((candidate) => candidate.id === target.id);
    if (!node) throw new Error('target missing');
    expect(roomAbove(below.journey, node, 100)).toEqual({
      [target.id]: { x: 0, y: 200 + 100 + ROW_GAP },
      [below.id]: { x: 300, y: 400 + 100 + ROW_GAP },
    });
  });
});
