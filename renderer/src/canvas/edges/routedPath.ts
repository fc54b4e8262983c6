import type { EdgeRoute } from '../../model/layout';

export interface Point {
  x: number;
  y: number;
}

/**
 * The corners of an edge that follows its layout route: down from the source handle to the first
 * gap, across to its lane, down to the next gap, ... and finally across and down into the target.
 * @example routeCorners({ x: 0, y: 0 }, { x: 100, y: 100 }, { levels: [50], columns: [] })
 * // [{x:0,y:0},{x:0,y:50},{x:100,y:50},{x:100,y:100}]
 */
export function routeCorners(source: Point, target: Point, route: EdgeRoute): Point[] {
  const lanes = [source.x, ...route.columns, target.x];
  const corners: Point[] = [source];
  route.levels.forEach((level, index) => {
    corners.push({ x: lanes[index] ?? source.x, y: level }, { x: lanes[index + 1] ?? target.x, y: level });
  });
  corners.push(target);
  return simplify(corners);
}

/** Drops repeated points and points in the middle of a straight run. */
function simplify(points: Point[]): Point[] {
  const kept: Point[] = [];
  for (const point of points) {
    const last = kept[kept.length - 1];
    if (last && last.x === point.x && last.y === point.y) continue;
    const before = kept[kept.length - 2];
    if (
      before &&
      last &&
      ((before.x === last.x && last.x === point.x) || (before.y === last.y && last.y === point.y))
    ) {
      kept[kept.length - 1] = point;
      continue;
    }
    kept.push(point);
  }
  return kept;
}

/**
 * An SVG path through orthogonal corners, each rounded with at most `radius` (less where the
 * runs on either side are short).
 * @example roundedPath([{ x: 0, y: 0 }, { x: 0, y: 50 }, { x: 100, y: 50 }], 10) // "M0 0L0 40Q0 50 10 50L100 50"
 */
export function roundedPath(points: readonly Point[], radius: number): string {
  const [start, ...rest] = points;
  if (!start) return '';
  let path = `M${start.x} ${start.y}`;
  rest.forEach((corner, index) => {
    const before = points[index] ?? start;
    const after = rest[index + 1];
    if (!after) {
      path += `L${corner.x} ${corner.y}`;
      return;
    }
    const r = Math.min(radius, distance(before, corner) / 2, distance(corner, after) / 2);
    const into = towards(corner, before, r);
    const out = towards(corner, after, r);
    path += `L${into.x} ${into.y}Q${corner.x} ${corner.y} ${out.x} ${out.y}`;
  });
  return path;
}

function distance(a: Point, b: Point): number {
  return Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
}

/** The point `length` away from `from` in the direction of `to` (orthogonal runs only). */
function towards(from: Point, to: Point, length: number): Point {
  return { x: from.x + Math.sign(to.x - from.x) * length, y: from.y + Math.sign(to.y - from.y) * length };
}
