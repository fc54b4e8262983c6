import { describe, expect, test } from 'vitest';
import { runFunnelReport } from '../../electron/metrics/funnel-report';
import { keyedRows } from '../../electron/store/awaitable';
import type { CohortEmailRow, CohortEventRow, CohortRow, FunnelRows } from '../../electron/store/reports/funnel-rows';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A cursor whose first page fails at once (a dropped connection, a statement timeout). */
async function* failing<T>(): AsyncGenerator<T> {
  await later(1);
  const page: T[] = [];
  if (page.length === 0) throw new Error('the connection was lost');
  yield* page;
}

/** A cursor that yields its rows a little later. */
async function* slow<T>(rows: T[]): AsyncGenerator<T> {
  await later(30);
  yield* rows;
}

describe('keyed rows', () => {
  test('take gives the rows of one key at a time, from a synchronous or an asynchronous stream', async () => {
    const rows: [string, number][] = [
      ['a', 1],
      ['a', 2],
      ['b', 3],
    ];
    for (const stream of [rows, slow(rows)]) {
      const keyed = keyedRows(stream);
      expect(await keyed.take('a')).toEqual([
        ['a', 1],
        ['a', 2],
      ]);
      expect(await keyed.take('x')).toEqual([]);
      expect(await keyed.take('b')).toEqual([['b', 3]]);
      await keyed.close();
    }
  });

  test('a first page that fails before it is taken fails the take, never the process', async () => {
    const keyed = keyedRows(failing<[string]>());
    await later(20);
    await expect(keyed.take('a')).rejects.toThrow('the connection was lost');
    await keyed.close();
  });

  test('a funnel report whose events fail while the cohort is still coming rejects, and closes both streams', async () => {
    const rows: FunnelRows = {
      cohortSize: () => 1,
      cohort: () => slow<CohortRow>([['ann', 0, null, null]]),
      cohortEvents: () => failing<CohortEventRow>(),
      cohortEmails: () => failing<CohortEmailRow>(),
    };
    const roles = { troubleshooting: new Set<string>(), testPrompt: new Set<string>() };
    const query = { from: 0, to: 1, by: null, activationEvent: null };
    await expect(runFunnelReport(rows, roles, query)).rejects.toThrow('the connection was lost');
  });
});
