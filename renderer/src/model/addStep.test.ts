import { describe, expect, it } from 'vitest';
import type { Journey } from '../../../shared/journey/schema';
import { stepAfter } from './addStep';
import { applyEdit } from './edit';

const journey = {
  formatVersion: 1,
  id: 'j',
  name: 'J',
  description: '',
  nodes: [
    {
      id: 'start',
      type: 'trigger',
      position: { x: 0, y: 0 },
      config: { event: 'go', filters: [], eligibility: { match: 'all', rules: [] } },
    },
    {
      id: 'wait',
      type: 'wait',
      position: { x: 0, y: 150 },
      config: { event: 'paid', filters: [], lookback: 'entry', timeout: '2h' },
    },
  ],
  edges: [{ id: 'e1', from: 'start', output: 'next', to: 'wait' }],
  exitRules: [],
  variables: [],
  settings: { reentry: { mode: 'once' }, timezone: 'UTC', maxLateness: '6h' },
  templates: {},
  scenarios: [],
} as Journey;

describe('a step added after an output', () => {
  it('goes below that output, in its column, connected from it, with an empty email to write', () => {
    const added = stepAfter(journey, 'email', 'wait', 'timed_out');
    if (!added) throw new Error('expected a step');
    const next = applyEdit(journey, added.edit);
    const email = next.nodes.find((node) => node.id === added.nodeId);
    expect(email).toMatchObject({ type: 'email', config: { template: 'email_1' } });
    // "timed out" is the wait's second output: the column to the right of "happened".
    expect(email?.position.x).toBeGreaterThan(0);
    expect(email?.position.y).toBeGreaterThan(150);
    expect(next.edges).toContainEqual(expect.objectContaining({ from: 'wait', output: 'timed_out', to: 'email_1' }));
    expect(next.templates.email_1?.subject).toBe('');
  });

  it('is nothing for a trigger or an output the step does not have', () => {
    expect(stepAfter(journey, 'trigger', 'wait', 'timed_out')).toBeUndefined();
    expect(stepAfter(journey, 'email', 'wait', 'maybe')).toBeUndefined();
  });
});
