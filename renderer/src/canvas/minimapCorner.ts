import type { Bounds, Viewport } from './viewport';

export type MinimapCorner = 'bottom-right' | 'top-right' | 'top-left';

/** Where React Flow draws the minimap: this far from the canvas's edges (its default margin). */
const MARGIN = 15;

/** A card on screen, in canvas pixels. */
function onScreen(card: Bounds, viewport: Viewport): Bounds {
  return {
    x: card.x * viewport.zoom + viewport.x,
    y: card.y * viewport.zoom + viewport.y,
    width: card.width * viewport.zoom,
    height: card.height * viewport.zoom,
  };
}

const overlaps = (a: Bounds, b: Bounds) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function boxAt(
  corner: MinimapCorner,
  canvas: { width: number; height: number },
  size: { width: number; height: number },
) {
  const right = canvas.width - size.width - MARGIN;
  return {
    x: corner === 'top-left' ? MARGIN : right,
    y: corner === 'bottom-right' ? canvas.height - size.height - MARGIN : MARGIN,
    ...size,
  };
}

/**
 * The corner where the minimap covers no card (the first free one of `corners`), or null: then it
 * folds away rather than hide a step.
 * @example minimapCorner({ width: 800, height: 600 }, { x: 0, y: 0, zoom: 1 }, [card], { width: 168, height: 116 })
 */
export function minimapCorner(
  canvas: { width: number; height: number },
  viewport: Viewport,
  cards: readonly Bounds[],
  size: { width: number; height: number },
  corners: readonly MinimapCorner[] = ['bottom-right', 'top-right', 'top-left'],
): MinimapCorner | null {
  const shown = cards.map((card) => onScreen(card, viewport));
  return corners.find((corner) => !shown.some((card) => overlaps(boxAt(corner, canvas, size), card))) ?? null;
}
