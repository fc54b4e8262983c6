import { describe, expect, it } from 'vitest';
import type { GoalCounts } from '../../../shared/api/backtest';
import { loadSeed } from '../../../test/events';
import { goalWords } from './backtestGoal';

const seed = loadSeed('integration-setup');

function goal(entered: number, converted: number, extra: Partial<GoalCounts> = {}): GoalCounts {
  return {
    event: 'integration_connected',
    within: '7d',
    entered,
    converted,
    rate: entered > 0 ? converted / entered : null,
    holdout: null,
    emails: [],
    ...extra,
  };
}

describe('a backtest’s goal in words', () => {
  it('says how many entries reached the goal, and the live version’s share against the draft in points', () => {
    const words = goalWords(seed, goal(120, 41), goal(120, 36));
    expect(words.headline).toBe('41 of 120 entries (34%) reached “Integration connected” within 7 days.');
    // 41/120 = 34.2%, 36/120 = 30%: 4 points.
    expect(words.live).toBe('The live version: 30% (36 of 120), 4 points below this draft.');
    expect(words.holdout).toBeNull();
  });

  it('names the holdout and each email’s recipients who went on to the goal', () => {
    const words = goalWords(
      seed,
      goal(40, 10, {
        holdout: { percent: 10, entered: 4, converted: 1, rate: 0.25 },
        emails: [{ nodeId: 'credential_help', recipients: 8, converted: 2 }],
      }),
      null,
    );
    expect(words.live).toBeNull();
    expect(words.holdout).toBe('Held out from emails (10%): 1 of 4 (25%).');
    expect(words.emails).toEqual([{ nodeId: 'credential_help', title: 'API key guidance', words: '2 of 8 (25%)' }]);
  });

  it('says so when nobody entered, and when the live version does as well', () => {
    expect(goalWords(seed, goal(0, 0), goal(0, 0))).toMatchObject({
      headline: 'Nobody entered in this period, so nobody could reach “Integration connected” within 7 days.',
      live: 'The live version: nobody entered in this period.',
    });
    expect(goalWords(seed, goal(10, 5), goal(20, 10)).live).toBe(
      'The live version: 50% (10 of 20), the same as this draft.',
    );
  });
});
