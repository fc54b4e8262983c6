import type { BacktestCounts, GoalCounts } from '../../shared/api/backtest';
import type { Journey } from '../../shared/journey/schema';
import { backtestOnPostgres } from '../backtest/pg-replay-jobs';
import { createReplayJobs } from '../backtest/replay-jobs';
import { createSendingLimits } from '../engine/sending-limits';
import { parseStoredJourney } from '../journeys/canonical';
import { resolveDataDir } from '../store/data-dir';
import { withSharedMeta } from '../store/pg/shared-meta';
import { openReadOnlyStore, type ReadOnlyStore } from '../store/read-only-store';
import { lastFlag, parseCommandFlags } from './command';
import { parseIsoTime } from './iso-time';
import { formatProblem, loadJourneyFile } from './journey-files';
import { commandDatabase, connectPostgres } from './postgres-target';
import { progressBar } from './progress';

const USAGE = `Usage: dripagent backtest --journey PATH|--id ID [--data DIR | --database-url URL] --from ISO --to ISO [--json]

Replays the stored events before --to through the journey (a file, or a stored journey's draft)
on a virtual clock until --to, with the cap across journeys the live engine uses, and counts the
outcomes whose time is in [--from, --to). Sends nothing and writes nothing.
`;

/** `dripagent backtest`: what a draft would have done to the stored history. */
export default async function backtestCommand(args: string[]): Promise<number> {
  const { flags } = parseCommandFlags(args, {
    values: ['data', 'from', 'to', 'id', 'journey', 'database-url'],
    switches: ['json'],
  });
  const database = commandDatabase(lastFlag(flags, 'database-url'));
  const fail = (message: string) => {
    process.stderr.write(`${message}\n`);
    return 1;
  };
  const path = flags.journey?.[0];
  const id = flags.id?.[0];
  if ((!path && !id) || (path && id) || !flags.from?.[0] || !flags.to?.[0]) return fail(USAGE.trimEnd());
  const from = parseTime('--from', flags.from[0]);
  const to = parseTime('--to', flags.to[0]);
  if (typeof from === 'string') return fail(from);
  if (typeof to === 'string') return fail(to);
  if (from >= to) return fail(`--from (${flags.from[0]}) must be before --to (${flags.to[0]})`);
  if (database.kind === 'postgres') return backtestPostgres(database.url, { path, id, from, to, json: !!flags.json });

  const dataDir = resolveDataDir(lastFlag(flags, 'data'));
  let store: ReadOnlyStore;
  try {
    store = openReadOnlyStore(dataDir);
  } catch (error) {
    return fail((error as Error).message);
  }
  try {
    const journey = path ? journeyFromFile(path) : journeyFromStore(store, id as string);
    if (typeof journey === 'string') return fail(journey);
    const { globalCap } = createSendingLimits(store.meta).get();
    const progress = progressBar('users replayed');
    // The same jobs as the app's: the users split over worker threads, the counts added up.
    const jobs = createReplayJobs({ dataDir, size: () => store.history.approximateSize() });
    const job = { kind: 'backtest' as const, journeys: [journey], window: { from, to }, config: { globalCap } };
    const result = await jobs.run('cli', job, (p) => progress(p.done, p.total));
    const counts = result?.kind === 'backtest' ? result.counts[0] : undefined;
    if (!counts) return fail('the backtest stopped before it finished');
    process.stdout.write(flags.json ? `${contractJson(counts)}\n` : describeCounts(journey, counts));
    return 0;
  } catch (error) {
    return fail((error as Error).message);
  } finally {
    store.close();
  }
}

/** The same backtest over a PostgreSQL database's history, in this process (the database reads). */
async function backtestPostgres(
  url: string,
  options: { path: string | undefined; id: string | undefined; from: number; to: number; json: boolean },
): Promise<number> {
  const { pool, where } = await connectPostgres(url, { migrate: false });
  try {
    let journey: Journey | string;
    if (options.path) journey = journeyFromFile(options.path);
    else {
      const stored = await pool.query<{ draft: string }>('SELECT draft FROM journeys WHERE id = $1', [options.id]);
      const draft = stored.rows[0]?.draft;
      journey = draft ? parseStoredJourney(draft) : `--id: there is no journey "${options.id}" in ${where}`;
    }
    if (typeof journey === 'string') {
      process.stderr.write(`${journey}\n`);
      return 1;
    }
    const { globalCap } = await withSharedMeta(pool, (meta) => createSendingLimits(meta).get());
    const progress = progressBar('users replayed');
    const window = { from: options.from, to: options.to };
    const job = { kind: 'backtest' as const, journeys: [journey], window, config: { globalCap } };
    const result = await backtestOnPostgres(pool, job, { onProgress: (p) => progress(p.done, p.total) });
    const counts = result?.kind === 'backtest' ? result.counts[0] : undefined;
    if (!counts) throw new Error('the backtest stopped before it finished');
    process.stdout.write(options.json ? `${contractJson(counts)}\n` : describeCounts(journey, counts));
    return 0;
  } finally {
    await pool.end();
  }
}

function parseTime(flag: string, text: string): number | string {
  return (
    parseIsoTime(text) ?? `${flag}: "${text}" is not an ISO-8601 date or time (e.g. 2026-03-01 or 2026-03-01T09:00:00Z)`
  );
}

function journeyFromFile(path: string): Journey | string {
  let file: ReturnType<typeof loadJourneyFile>;
  try {
    file = loadJourneyFile(path);
  } catch (error) {
    return `${path}: ${(error as Error).message}`;
  }
  const errors = file.problems.filter((p) => p.severity === 'error');
  if (!file.journey || errors.length > 0) return errors.map((p) => formatProblem(path, p)).join('\n');
  return file.journey;
}

function journeyFromStore(store: ReadOnlyStore, id: string): Journey | string {
  const stored = store.journeys.get(id);
  return stored ? parseStoredJourney(stored.draft) : `--id: there is no journey "${id}" in this data folder`;
}

/** The JSON the backtest promises, and nothing else, in its documented order. */
export function contractJson(counts: BacktestCounts): string {
  const { users, by_node, emails_per_day, exits, goal } = counts;
  return JSON.stringify({ users, by_node, emails_per_day, exits, goal });
}

function describeCounts(journey: Journey, counts: BacktestCounts): string {
  const lines = [
    `Backtest of ${journey.id} from ${new Date(counts.from).toISOString()} to ${new Date(counts.to).toISOString()}:`,
    `${counts.users} users had an outcome; ${counts.events} stored events replayed.`,
    '',
  ];
  const width = Math.max(4, ...counts.by_node.map((c) => c.nodeId.length));
  for (const c of counts.by_node) lines.push(`  ${c.nodeId.padEnd(width)}  ${c.type.padEnd(7)} ${c.count}`);
  if (counts.emails_per_day.length > 0) {
    lines.push('', 'Emails per day (UTC):');
    for (const d of counts.emails_per_day) lines.push(`  ${d.day}  ${d.nodeId.padEnd(width)}  ${d.count}`);
  }
  if (counts.exits.length > 0) {
    lines.push('', `Exits: ${counts.exits.map((e) => `${e.reason} ${e.count}`).join(', ')}`);
  }
  if (counts.goal) lines.push('', ...goalLines(counts.goal, width));
  return `${lines.join('\n')}\n`;
}

function goalLines(goal: GoalCounts, width: number): string[] {
  const share = (converted: number, rate: number | null) =>
    rate === null ? `${converted}` : `${converted} (${Math.round(rate * 100)}%)`;
  const lines = [
    `Goal ${goal.event} within ${goal.within}: ${share(goal.converted, goal.rate)} of ${goal.entered} entries`,
  ];
  if (goal.holdout) {
    lines.push(
      `  of them held out (${goal.holdout.percent}%): ${share(goal.holdout.converted, goal.holdout.rate)} of ${goal.holdout.entered}`,
    );
  }
  for (const e of goal.emails) {
    lines.push(`  after ${e.nodeId.padEnd(width)}  ${e.converted} of ${e.recipients} recipients`);
  }
  return lines;
}
