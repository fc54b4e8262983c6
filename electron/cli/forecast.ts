import type { ForecastResult } from '../../shared/api/backtest';
import { forecast, storeForecastSource } from '../backtest/forecast';
import { forecastOnPostgres } from '../backtest/pg-replay-jobs';
import { createSendingLimits } from '../engine/sending-limits';
import { readSendingRate } from '../mail/settings/sending-rate';
import { resolveDataDir } from '../store/data-dir';
import { withSharedMeta } from '../store/pg/shared-meta';
import { openReadOnlyStore } from '../store/read-only-store';
import { lastFlag, parseCommandFlags } from './command';
import { commandDatabase, connectPostgres } from './postgres-target';
import { progressBar } from './progress';

const USAGE = `Usage: dripagent forecast [--data DIR | --database-url URL] [--days 14] [--json]

The emails per day and per email node of the live journeys over the next days: the users in flight
run forward (if nobody acts: the upper bound), weighed by how often users at each step acted in the
last 30 days (the expected count), plus new entries at the last 14 days' daily rate. Caps, quiet
hours and the sending rate limit apply. Reads only.
`;

/** `dripagent forecast`: how many emails the live journeys will send in the next days. */
export default async function forecastCommand(args: string[]): Promise<number> {
  const { flags } = parseCommandFlags(args, { values: ['data', 'days', 'database-url'], switches: ['json'] });
  const database = commandDatabase(lastFlag(flags, 'database-url'));
  const days = Number(flags.days?.[0] ?? 14);
  if (flags.help || !Number.isInteger(days) || days < 1 || days > 90) {
    process.stderr.write(flags.help ? USAGE : `--days: "${flags.days?.[0]}" must be a whole number from 1 to 90\n`);
    return flags.help ? 0 : 1;
  }
  if (database.kind === 'postgres') return forecastPostgres(database.url, days, !!flags.json);
  let store: ReturnType<typeof openReadOnlyStore>;
  try {
    store = openReadOnlyStore(resolveDataDir(lastFlag(flags, 'data')));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  try {
    const { globalCap } = createSendingLimits(store.meta).get();
    const progress = progressBar('users replayed for the rates');
    const result = await forecast({
      source: storeForecastSource(store),
      now: Date.now(),
      days,
      config: { globalCap },
      pace: readSendingRate(store.meta),
      onProgress: (p) => progress(p.done, p.total),
    });
    return printForecast(result, !!flags.json);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  } finally {
    store.close();
  }
}

/** The same forecast over a PostgreSQL database, its settings the engines' shared ones. */
async function forecastPostgres(url: string, days: number, json: boolean): Promise<number> {
  const { pool } = await connectPostgres(url, { migrate: false });
  try {
    const { globalCap, pace } = await withSharedMeta(pool, (meta) => ({
      globalCap: createSendingLimits(meta).get().globalCap,
      pace: readSendingRate(meta),
    }));
    const progress = progressBar('users replayed for the rates');
    const job = { kind: 'forecast' as const, now: Date.now(), days, config: { globalCap }, pace };
    return printForecast(await forecastOnPostgres(pool, job, { onProgress: (p) => progress(p.done, p.total) }), json);
  } finally {
    await pool.end();
  }
}

function printForecast(result: ForecastResult | null, json: boolean): number {
  if (!result) return 1;
  process.stdout.write(json ? `${JSON.stringify(result)}\n` : describeForecast(result));
  return 0;
}

function describeForecast(result: ForecastResult): string {
  const lines = [
    `Forecast of the live journeys' emails for ${result.days} days from ${new Date(result.from).toISOString()}:`,
  ];
  const width = Math.max(5, ...result.emails_per_day.map((r) => `${r.journeyId} ${r.nodeId}`.length));
  lines.push(
    result.emails_per_day.length === 0
      ? '  no emails expected.'
      : `  ${'day'.padEnd(10)}  ${'email'.padEnd(width)}  ${'expected'.padStart(8)}  ${'if nobody acts'.padStart(14)}`,
  );
  for (const r of result.emails_per_day) {
    lines.push(
      `  ${r.day}  ${`${r.journeyId} ${r.nodeId}`.padEnd(width)}  ${r.expected.toFixed(1).padStart(8)}  ${String(r.upper).padStart(14)}`,
    );
  }
  const total = (field: 'expected' | 'upper') => result.emails_per_day.reduce((sum, r) => sum + r[field], 0);
  lines.push(
    '',
    `In total: ${total('expected').toFixed(1)} expected; ${total('upper')} if nobody acts.`,
    `${result.inFlight} users in flight; new entries a day: ${result.entriesPerDay.map((e) => `${e.journeyId} ${e.perDay}`).join(', ') || 'none'}.`,
    ...result.limits,
  );
  return `${lines.join('\n')}\n`;
}
