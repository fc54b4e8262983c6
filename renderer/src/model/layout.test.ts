import { describe, expect, it } from 'vitest';
import { type LayoutEdge, layoutGraph, type Positions } from './layout';

const box = (id: string, width = 200, height = 80) => ({ id, width, height });
const edge = (source: string, target: string, order?: number): LayoutEdge => ({
  id: `${source}->${target}`,
  source,
  target,
  order,
});

function at(positions: Positions, id: string): { x: number; y: number } {
  const position = positions[id];
  if (!position) throw new Error(`no position for ${id}`);
  return position;
}

describe('layoutGraph', () => {
  it('places each node below the node it follows', () => {
    const { positions } = layoutGraph([box('a'), box('b'), box('c')], [edge('a', 'b'), edge('b', 'c')]);
    expect(at(positions, 'b').y).toBeGreaterThan(at(positions, 'a').y + 80);
    expect(at(positions, 'c').y).toBeGreaterThan(at(positions, 'b').y + 80);
  });

  it('puts branches side by side without overlapping', () => {
    const { positions } = layoutGraph(
      [box('root'), box('left'), box('right')],
      [edge('root', 'left'), edge('root', 'right')],
    );
    const left = at(positions, 'left');
    const right = at(positions, 'right');
    expect(left.y).toBe(right.y);
    expect(Math.abs(left.x - right.x)).toBeGreaterThanOrEqual(200);
  });

  it('places the targets of a node’s outputs in the order of its outputs', () => {
    const nodes = [box('split'), box('c'), box('b'), box('a')];
    const edges = [edge('split', 'c', 2), edge('split', 'b', 1), edge('split', 'a', 0)];
    const { positions } = layoutGraph(nodes, edges);
    expect(at(positions, 'a').x).toBeLessThan(at(positions, 'b').x);
    expect(at(positions, 'b').x).toBeLessThan(at(positions, 'c').x);
  });

  it('returns top-left corners, not centres', () => {
    expect(layoutGraph([box('only', 300, 100)], []).positions.only).toEqual({ x: 0, y: 0 });
  });

  it('is deterministic', () => {
    const nodes = ['a', 'b', 'c', 'd'].map((id) => box(id));
    const edges = [edge('a', 'b'), edge('a', 'c'), edge('b', 'd'), edge('c', 'd')];
    expect(layoutGraph(nodes, edges)).toEqual(layoutGraph(nodes, edges));
  });

  it('ignores edges to unknown nodes and survives cycles', () => {
    const { positions, routes } = layoutGraph(
      [box('a'), box('b')],
      [edge('a', 'b'), edge('b', 'a'), edge('a', 'ghost')],
    );
    expect(Object.keys(positions).sort()).toEqual(['a', 'b']);
    expect(routes['a->ghost']).toBeUndefined();
  });

  it('keeps two edges between the same pair of nodes apart', () => {
    const { routes } = layoutGraph(
      [box('wait'), box('next')],
      [
        { id: 'happened', source: 'wait', target: 'next' },
        { id: 'timed_out', source: 'wait', target: 'next' },
      ],
    );
    expect(Object.keys(routes).sort()).toEqual(['happened', 'timed_out']);
  });

  it('routes an edge to the next rank through the middle of the gap', () => {
    const { positions, routes } = layoutGraph([box('a'), box('b')], [edge('a', 'b')], { rankGap: 60 });
    const gapMiddle = at(positions, 'a').y + 80 + 30;
    expect(routes['a->b']).toEqual({ levels: [gapMiddle], columns: [] });
  });

  it('gives an edge that skips ranks a lane in every rank it crosses', () => {
    const { routes } = layoutGraph([box('a'), box('b'), box('c')], [edge('a', 'b'), edge('b', 'c'), edge('a', 'c')]);
    const route = routes['a->c'];
    expect(route?.levels).toHaveLength(2);
    expect(route?.columns).toHaveLength(1);
  });

  it('gives no route to an edge that loops back up', () => {
    const { routes } = layoutGraph([box('a'), box('b')], [edge('a', 'b'), edge('b', 'a')]);
    expect(routes['b->a']).toBeUndefined();
  });
});
