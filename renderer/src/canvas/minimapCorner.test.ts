import { describe, expect, it } from 'vitest';
import { minimapCorner } from './minimapCorner';

const canvas = { width: 800, height: 600 };
const size = { width: 168, height: 116 };
const still = { x: 0, y: 0, zoom: 1 };
const card = (x: number, y: number) => ({ x, y, width: 272, height: 80 });

describe('where the minimap goes', () => {
  it('stays bottom right when no card is there', () => {
    expect(minimapCorner(canvas, still, [card(0, 0)], size)).toBe('bottom-right');
  });

  it('moves to a free corner when a card is under its usual place', () => {
    expect(minimapCorner(canvas, still, [card(560, 500)], size)).toBe('top-right');
  });

  it('counts the view: a card that scrolled under a corner makes it taken', () => {
    const scrolled = { x: 300, y: 420, zoom: 1 };
    expect(minimapCorner(canvas, scrolled, [card(260, 80)], size)).toBe('top-right');
  });

  it('folds away rather than cover a card when every corner has one', () => {
    const everywhere = [card(560, 500), card(560, 0), card(0, 0)];
    expect(minimapCorner(canvas, still, everywhere, size)).toBeNull();
  });
});
