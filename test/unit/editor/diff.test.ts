import { describe, expect, it } from 'vitest';
import {
  applyPatch,
  composePatches,
  diffJourneys,
  isEmptyPatch,
  summarizeChanges,
} from '../../../renderer/src/model/diff';
import { applyEdit, createNode } from '../../../renderer/src/model/edit';
import type { Journey } from '../../../shared/journey/schema';
import { seedJourney } from './fixtures';

function edits(seed: Journey): Journey[] {
  const { node } = createNode(seed, 'delay', { x: 5, y: 5 });
  const a = applyEdit(seed, { type: 'insert_on_edge', edgeId: 'start-next-confirm', node });
  const b = applyEdit(a, { type: 'remove', nodeIds: ['credential_help'] });
  const c = applyEdit(b, { type: 'move', positions: { start: { x: 9, y: 9 } } });
  const d = applyEdit(c, { type: 'update_journey', changes: { settings: { ...c.settings, maxLateness: '2h' } } });
  return [seed, a, b, c, d];
}

describe('journey patches', () => {
  it('undo and redo every edit exactly, including order', () => {
    const states = edits(seedJourney());
    for (let i = 1; i < states.length; i++) {
      const before = states[i - 1] as Journey;
      const after = states[i] as Journey;
      const patch = diffJourneys(before, after);
      expect(isEmptyPatch(patch)).toBe(false);
      expect(JSON.stringify(applyPatch(after, patch, 'backward'))).toBe(JSON.stringify(before));
      expect(JSON.stringify(applyPatch(before, patch, 'forward'))).toBe(JSON.stringify(after));
    }
  });

  it('record only what changed', () => {
    const seed = seedJourney();
    const moved = applyEdit(seed, { type: 'move', positions: { confirm: { x: 1, y: 1 } } });
    const patch = diffJourneys(seed, moved);
    expect(patch.nodes.map((c) => c.key)).toEqual(['confirm']);
    expect(patch.edges).toEqual([]);
    expect(patch.nodeOrder).toBeUndefined();
  });

  it('compose into one step', () => {
    const states = edits(seedJourney());
    let patch = diffJourneys(states[0] as Journey, states[1] as Journey);
    for (let i = 2; i < states.length; i++)
      patch = composePatches(patch, diffJourneys(states[i - 1] as Journey, states[i] as Journey));
    const first = states[0] as Journey;
    const last = states[states.length - 1] as Journey;
    expect(JSON.stringify(applyPatch(last, patch, 'backward'))).toBe(JSON.stringify(first));
    expect(JSON.stringify(applyPatch(first, patch, 'forward'))).toBe(JSON.stringify(last));
  });

  it('compose to nothing when the second undoes the first', () => {
    const seed = seedJourney();
    const moved = applyEdit(seed, { type: 'move', positions: { confirm: { x: 1, y: 1 } } });
    expect(isEmptyPatch(composePatches(diffJourneys(seed, moved), diffJourneys(moved, seed)))).toBe(true);
  });
});

describe('summarizeChanges', () => {
  it('names steps, connections, emails and settings added, removed and changed', () => {
    const seed = seedJourney();
    const [, , , , changed] = edits(seed);
    const summary = summarizeChanges(seed, changed as Journey);
    const lines = summary.map((c) => `${c.area} ${c.action}: ${c.subject}`);
    expect(lines).toContain('step added: Delay');
    expect(lines).toContain('step removed: API key guidance');
    expect(lines).toContain('email removed: credential_help');
    expect(lines).toContain('setting changed: Maximum lateness');
    expect(lines).toContain('connection changed: Integration started (next)');
    expect(summary.find((c) => c.subject === 'Maximum lateness')?.detail).toBe('6h → 2h');
    // Moving a card is not a change.
    expect(lines.some((l) => l.includes('Integration started') && l.startsWith('step'))).toBe(false);
  });

  it('is empty for the same journey', () => {
    expect(summarizeChanges(seedJourney(), seedJourney())).toEqual([]);
  });
});
