import { describe, expect, it } from 'vitest';
import { roundedPath, routeCorners } from './routedPath';

describe('routeCorners', () => {
  it('turns once, in the gap, for an edge to the next rank', () => {
    expect(routeCorners({ x: 0, y: 0 }, { x: 100, y: 100 }, { levels: [50], columns: [] })).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 50 },
      { x: 100, y: 50 },
      { x: 100, y: 100 },
    ]);
  });

  it('runs down the lane kept free for it when it skips ranks', () => {
    const corners = routeCorners({ x: 0, y: 0 }, { x: 0, y: 300 }, { levels: [50, 250], columns: [400] });
    expect(corners).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 50 },
      { x: 400, y: 50 },
      { x: 400, y: 250 },
      { x: 0, y: 250 },
      { x: 0, y: 300 },
    ]);
  });

  it('is a straight line when source, lanes and target line up', () => {
    expect(routeCorners({ x: 10, y: 0 }, { x: 10, y: 300 }, { levels: [50, 250], columns: [10] })).toEqual([
      { x: 10, y: 0 },
      { x: 10, y: 300 },
    ]);
  });
});

describe('roundedPath', () => {
  it('rounds each corner', () => {
    expect(
      roundedPath(
        [
          { x: 0, y: 0 },
          { x: 0, y: 50 },
          { x: 100, y: 50 },
        ],
        10,
      ),
    ).toBe('M0 0L0 40Q0 50 10 50L100 50');
  });

  it('uses a smaller radius where a run is short', () => {
    expect(
      roundedPath(
        [
          { x: 0, y: 0 },
          { x: 0, y: 50 },
          { x: 6, y: 50 },
          { x: 6, y: 100 },
        ],
        10,
      ),
    ).toBe('M0 0L0 47Q0 50 3 50L3 50Q6 50 6 53L6 100');
  });
});
