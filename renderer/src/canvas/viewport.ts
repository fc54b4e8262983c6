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
}

/**
 * Where a journey opens: the whole journey when it fits at a readable zoom, otherwise its
 * beginning at a readable zoom, centred horizontally, so a marketer reads it top-down.
 * @example openingViewport({ x: 0, y: 0, width: 300, height: 3000 }, { width: 1000, height: 700 }) // zoom 0.8, top aligned
 */
export function openingViewport(
  bounds: Bounds,
  screen: { width: number; height: number },
  { minReadableZoom = 0.8, maxZoom = 1, padding = 32 }: OpeningViewOptions = {},
): Viewport {
  const fitZoom = Math.min(
    (screen.width - 2 * padding) / Math.max(bounds.width, 1),
    (screen.height - 2 * padding) / Math.max(bounds.height, 1),
    maxZoom,
  );
  const zoom = Math.max(fitZoom, Math.min(minReadableZoom, maxZoom));
  const centreX = screen.width / 2 - (bounds.x + bounds.width / 2) * zoom;
  if (zoom === fitZoom) {
    return { x: centreX, y: screen.height / 2 - (bounds.y + bounds.height / 2) * zoom, zoom };
  }
  return { x: centreX, y: padding - bounds.y * zoom, zoom };
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
