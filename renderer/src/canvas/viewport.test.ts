import { describe, expect, it } from 'vitest';
import { boundsOf, openingViewport } from './viewport';

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
