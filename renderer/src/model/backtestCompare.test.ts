import { describe, expect, it } from 'vitest';
import type { BacktestCounts } from '../../../shared/api/backtest';
import { loadSeed } from '../../../test/events';
import { compareBacktests } from './backtestCompare';

const seed = loadSeed('integration-setup');

function counts(byNode: BacktestCounts['by_node']): BacktestCounts {
  return {
    journeyId: seed.id,
    from: 0,
    to: 1,
    users: 0,
    by_node: byNode,
    emails_per_day: [],
    exits: [],
    goal: null,
    entries_per_day: [],
    reached: [],
    edges: [],
    waits: [],
    events: 0,
  };
}

describe('the draft against its live version', () => {
  it('says in numbers and in words what each step does differently, biggest change first', () => {
    const live = counts([
      { nodeId: 'confirm', type: 'email', count: 200 },
      { nodeId: 'credential_help', type: 'email', count: 120 },
      { nodeId: 'abandoned_exit', type: 'exit', count: 10 },
    ]);
    const draft = counts([
      { nodeId: 'confirm', type: 'email', count: 200 },
      { nodeId: 'credential_help', type: 'email', count: 92 },
      { nodeId: 'abandoned_exit', type: 'exit', count: 12 },
      { nodeId: 'domain_help', type: 'email', count: 5 },
    ]);
    expect(compareBacktests(seed, draft, live)).toEqual([
      {
        nodeId: 'credential_help',
        what: 'email',
        draft: 92,
        live: 120,
        // (120 - 92) / 120 = 23.3%
        words: 'This draft sends 23% fewer “API key guidance” emails (120 → 92).',
      },
      {
        nodeId: 'domain_help',
        what: 'email',
        draft: 5,
        live: 0,
        words: 'This draft sends 5 “Domain verification help” emails where the live version sends none.',
      },
      {
        nodeId: 'abandoned_exit',
        what: 'exit',
        draft: 12,
        live: 10,
        words: 'This draft ends 20% more runs at “Gave up” (10 → 12).',
      },
    ]);
  });

  it('is empty when every count is the same', () => {
    const same = counts([{ nodeId: 'confirm', type: 'email', count: 3 }]);
    expect(compareBacktests(seed, same, same)).toEqual([]);
  });
});
