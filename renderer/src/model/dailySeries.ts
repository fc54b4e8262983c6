const DAY = 86_400_000;

/**
 * Each UTC day that [from, to) touches, as `YYYY-MM-DD`.
 * @example utcDays(Date.parse('2026-03-01T00:00Z'), Date.parse('2026-03-03T00:00Z')) // ['2026-03-01', '2026-03-02']
 */
export function utcDays(from: number, to: number): string[] {
  const days: string[] = [];
  for (let at = Math.floor(from / DAY) * DAY; at < to; at += DAY) days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/**
 * Per-day rows (a day, a key, an amount) as one series per key over `days`, keys in `order`
 * (those not in it after, as they come); each day missing from the rows is a zero.
 * @example seriesOf([{ day: '2026-03-01', key: 'confirm', amount: 3 }], ['2026-03-01', '2026-03-02'], []) // [{ key: 'confirm', values: [3, 0] }]
 */
export function seriesOf(
  rows: readonly { day: string; key: string; amount: number }[],
  days: readonly string[],
  order: readonly string[],
): { key: string; values: number[] }[] {
  const index = new Map(days.map((day, i) => [day, i]));
  const byKey = new Map<string, number[]>(order.map((key) => [key, days.map(() => 0)]));
  for (const row of rows) {
    const i = index.get(row.day);
    if (i === undefined) continue;
    let values = byKey.get(row.key);
    if (!values) {
      values = days.map(() => 0);
      byKey.set(row.key, values);
    }
    values[i] = (values[i] ?? 0) + row.amount;
  }
  return [...byKey].filter(([, values]) => values.some((v) => v > 0)).map(([key, values]) => ({ key, values }));
}
