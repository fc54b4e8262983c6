export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface OpeningViewOptions {
  /** Below this zoom card text is too small to read; the view scrolls instead of shrinking further. */
  minReadableZoom?: number;
  maxZoom?: number;
  padding?: number;
  /** The first card (the trigger): a journey wider than the view is centred on it. */
  start?: Bounds;
}

/**
 * Where a journey opens: the whole journey when it fits at a readable zoom, otherwise its
 * beginning at a readable zoom, centred horizontally (on its first card when it is too wide), so
 * a marketer reads it top-down.
 * @example openingViewport({ x: 0, y: 0, width: 300, height: 3000 }, { width: 1000, height: 700 }) // zoom 0.8, top aligned
 */
export function openingViewport(
  bounds: Bounds,
  screen: { width: number; height: number },
  { minReadableZoom = 0.8, maxZoom = 1, padding = 32, start }: OpeningViewOptions = {},
): Viewport {
  const fitZoom = Math.min(
    (screen.width - 2 * padding) / Math.max(bounds.width, 1),
    (screen.height - 2 * padding) / Math.max(bounds.height, 1),
    maxZoom,
  );
  const zoom = Math.max(fitZoom, Math.min(minReadableZoom, maxZoom));
  const tooWide = bounds.width * zoom > screen.width - 2 * padding;
  const middle = start && tooWide ? start.x + start.width / 2 : bounds.x + bounds.width / 2;
  const centreX = screen.width / 2 - middle * zoom;
  if (zoom === fitZoom) {
    return { x: centreX, y: screen.height / 2 - (bounds.y + bounds.height / 2) * zoom, zoom };
  }
  return { x: centreX, y: padding - bounds.y * zoom, zoom };
}

/**
 * Where a simulated path shows: all of it when it fits at a readable zoom, otherwise, at that
 * zoom, the stretch that ends at the step the user is at (`current`), centred on it, so the latest
 * steps and what led to them are in view.
 * @example pathViewport(pathBounds, currentCard, { width: 500, height: 700 }) // zoom 0.8, current card near the bottom
 */
export function pathViewport(
  path: Bounds,
  current: Bounds | undefined,
  screen: { width: number; height: number },
  { minReadableZoom = 0.8, padding = 40, start }: OpeningViewOptions = {},
): Viewport {
  const fitZoom = Math.min(
    (screen.width - 2 * padding) / Math.max(path.width, 1),
    (screen.height - 2 * padding) / Math.max(path.height, 1),
  );
  if (!current || fitZoom >= minReadableZoom) {
    return openingViewport(path, screen, { minReadableZoom, padding, ...(start ? { start } : {}) });
  }
  const zoom = Math.min(minReadableZoom, 1);
  // Centred on the current card: a path too wide for the view keeps its latest step whole.
  const x = screen.width / 2 - (current.x + current.width / 2) * zoom;
  // The current card's bottom a padding above the view's bottom, unless that leaves room above the path's top.
  const y = Math.min(padding - path.y * zoom, screen.height - padding - (current.y + current.height) * zoom);
  return { x, y, zoom };
}

/** The box around positioned cards. */
export function boundsOf(
  nodes: readonly { position: { x: number; y: number }; width?: number; height?: number }[],
): Bounds {
  if (nodes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const { position, width = 0, height = 0 } of nodes) {
    minX = Math.min(minX, position.x);
    minY = Math.min(minY, position.y);
    maxX = Math.max(maxX, position.x + width);
    maxY = Math.max(maxY, position.y + height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
