import { describe, expect, test } from 'vitest';
import { toCsv } from '../../../shared/metrics/csv';
import { goalReachedAt } from '../../../shared/metrics/goal';
import { compareGroups, type GroupOutcome } from '../../../shared/metrics/lift';

const group = (label: string, users: number, converted: number): GroupOutcome => ({
  label,
  users,
  converted,
  rate: converted / users,
  medianMsToGoal: null,
});

describe('lift in one sentence', () => {
  test('a clear difference: 56/70 against 48/80 is 20 points, 95% CI 5 to 33', () => {
    const c = compareGroups(
      group('emails', 70, 56),
      group('holdout', 80, 48),
      'integration_connected',
      'Users who got these emails',
    );
    expect(c.sentence).toBe('Users who got these emails connected 20 points more often (95% CI 5 to 33).');
  });

  test('an interval that includes zero says there is no clear difference yet', () => {
    const c = compareGroups(
      group('emails', 100, 52),
      group('holdout', 100, 48),
      'integration_connected',
      'Users who got these emails',
    );
    expect(c.sentence).toMatch(
      /^No clear difference yet: users who got these emails connected 4 points more often \(95% CI −\d+ to \d+\)\.$/,
    );
  });

  test('fewer than 30 users in a group is not enough to tell', () => {
    const c = compareGroups(
      group('emails', 200, 100),
      group('holdout', 12, 3),
      'sync_completed',
      'Users who got these emails',
    );
    expect(c.enough).toBe(false);
    expect(c.sentence).toBe('Not enough users yet to tell: 12 in the smaller group so far, 30 per group needed.');
  });

  test('a goal without a verb of its own is named', () => {
    const c = compareGroups(
      group('b', 70, 56),
      group('a', 80, 48),
      'trial_started',
      'Users on branch b',
      ' than branch a',
    );
    expect(c.sentence).toBe(
      'Users on branch b reached “Trial started” 20 points more often than branch a (95% CI 5 to 33).',
    );
  });
});

describe('goal reached', () => {
  test('the first goal event at or after the start and at most the window later, both ends included', () => {
    const goal = { event: 'integration_connected', within: '1d' };
    const day = 86_400_000;
    expect(goalReachedAt([{ name: 'integration_connected', ts: 0 }], goal, 0)).toBe(0);
    expect(goalReachedAt([{ name: 'integration_connected', ts: day }], goal, 0)).toBe(day);
    expect(goalReachedAt([{ name: 'integration_connected', ts: day + 1 }], goal, 0)).toBeNull();
    expect(goalReachedAt([{ name: 'integration_connected', ts: -1 }], goal, 0)).toBeNull();
  });
});

describe('CSV', () => {
  test('quotes what needs quoting, leaves nulls empty and keeps formulas from running in a spreadsheet', () => {
    expect(
      toCsv(
        ['a', 'b', 'c'],
        [
          ['x, y', null, 0.5],
          ['say "hi"', '=SUM(A1)', -3],
        ],
      ),
    ).toBe('a,b,c\r\n"x, y",,0.5\r\n"say ""hi""",\'=SUM(A1),-3\r\n');
  });
});
