import { describe, expect, it } from 'vitest';
import { SeenIds } from '../../shared/engine/seen-ids';

describe('SeenIds', () => {
  it('never changes a view when a later one is extended', () => {
    const a = SeenIds.of(['m1']);
    const b = a.with('m2');
    const c = b.with('m3');
    expect([a.has('m1'), a.has('m2'), a.has('m3')]).toEqual([true, false, false]);
    expect([b.has('m2'), b.has('m3')]).toEqual([true, false]);
    expect(c.has('m3')).toBe(true);
  });

  it('keeps branches apart when an older view is extended again', () => {
    const base = SeenIds.of(['m1']);
    const left = base.with('left');
    const right = base.with('right');
    expect([left.has('left'), left.has('right')]).toEqual([true, false]);
    expect([right.has('right'), right.has('left')]).toEqual([true, false]);
    expect(left.with('more').has('right')).toBe(false);
    expect(base.has('left') || base.has('right')).toBe(false);
  });

  it('adds an id once', () => {
    const a = SeenIds.of(['m1', 'm1']);
    expect(a.size).toBe(1);
    expect(a.with('m1')).toBe(a);
  });
});
