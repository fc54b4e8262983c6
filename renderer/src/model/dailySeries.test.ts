import { describe, expect, it } from 'vitest';
import { seriesOf, utcDays } from './dailySeries';

describe('series per day', () => {
  it('lists every UTC day a period touches', () => {
    expect(utcDays(Date.parse('2026-03-01T12:00:00Z'), Date.parse('2026-03-03T00:00:00Z'))).toEqual([
      '2026-03-01',
      '2026-03-02',
    ]);
  });

  it('fills missing days with zero, keeps the given order, and leaves out series that stay at zero', () => {
    const days = ['2026-03-01', '2026-03-02', '2026-03-03'];
    const rows = [
      { day: '2026-03-03', key: 'b', amount: 2 },
      { day: '2026-03-01', key: 'a', amount: 1 },
      { day: '2026-03-01', key: 'a', amount: 1 },
      { day: '2026-04-01', key: 'a', amount: 9 },
    ];
    expect(seriesOf(rows, days, ['b', 'a', 'never'])).toEqual([
      { key: 'b', values: [0, 0, 2] },
      { key: 'a', values: [2, 0, 0] },
    ]);
  });
});
