import { describe, expect, it } from 'vitest';
import { boundsOf, openingViewport, pathViewport } from './viewport';

const screen = { width: 1000, height: 700 };

describe('openingViewport', () => {
  it('fits and centres a journey that is readable when fitted', () => {
    const view = openingViewport({ x: 0, y: 0, width: 600, height: 400 }, screen);
    expect(view.zoom).toBe(1);
    expect(view.x).toBe(200);
    expect(view.y).toBe(150);
  });

  it('opens a tall journey at its top at a readable zoom instead of shrinking it', () => {
    const view = openingViewport({ x: 0, y: 0, width: 300, height: 3000 }, screen, {
      minReadableZoom: 0.8,
      padding: 32,
    });
    expect(view.zoom).toBe(0.8);
    expect(view.y).toBe(32);
    expect(view.x).toBe(500 - 150 * 0.8);
  });

  it('never zooms in past the maximum', () => {
    expect(openingViewport({ x: 0, y: 0, width: 10, height: 10 }, screen, { maxZoom: 1 }).zoom).toBe(1);
  });
});

describe('boundsOf', () => {
  it('spans every card including its size', () => {
    const bounds = boundsOf([
      { position: { x: -100, y: 0 }, width: 300, height: 100 },
      { position: { x: 50, y: 400 }, width: 300, height: 120 },
    ]);
    expect(bounds).toEqual({ x: -100, y: 0, width: 450, height: 520 });
  });
});

describe('openingViewport of a journey wider than the view', () => {
  it('centres on its first card, so the trigger is read whole', () => {
    const wide = { x: 0, y: 0, width: 2000, height: 3000 };
    const start = { x: 1600, y: 0, width: 272, height: 80 };
    const view = openingViewport(wide, screen, { start });
    expect(view.x + (1600 + 136) * view.zoom).toBe(500);
  });
});

describe('pathViewport', () => {
  const path = { x: 0, y: 0, width: 300, height: 2000 };
  const current = { x: 0, y: 1900, width: 300, height: 100 };

  it('shows a simulated path whole when it fits at a readable zoom', () => {
    const short = { x: 0, y: 0, width: 300, height: 500 };
    expect(pathViewport(short, { x: 0, y: 400, width: 300, height: 100 }, screen)).toEqual(
      openingViewport(short, screen, { padding: 40 }),
    );
  });

  it('shows the stretch of a long path that ends at the current step, at a readable zoom', () => {
    const view = pathViewport(path, current, screen);
    expect(view.zoom).toBe(0.8);
    // The current card's bottom (2000 × 0.8 = 1600) sits 40 px above the view's bottom (700).
    expect(view.y + 2000 * view.zoom).toBe(700 - 40);
  });

  it('keeps the top of the path in view when the current step is near it', () => {
    const early = { x: 0, y: 100, width: 300, height: 100 };
    expect(pathViewport(path, early, screen).y).toBe(40);
  });
});
