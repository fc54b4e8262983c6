import type { JourneySummary } from '../../shared/api/journey';
import { formatTrace, traceUser, type UserTrace } from '../engine/trace';
import { openStore } from '../store';
import { resolveDataDir } from '../store/data-dir';
import { journeysSnapshot } from '../store/pg/journey-rows';
import { traceSource } from '../store/pg/trace-rows';
import { lastFlag, parseCommandFlags } from './command';
import { commandDatabase, connectPostgres } from './postgres-target';

const USAGE = 'Usage: dripagent trace USER_ID [--data DIR | --database-url URL] [--json]\n';

/** `dripagent trace USER_ID [--data DIR | --database-url URL] [--json]`: what a user received, when, and why. */
export default async function trace(args: string[]): Promise<number> {
  const { flags, positional } = parseCommandFlags(args, { values: ['data', 'database-url'], switches: ['json'] });
  const userId = positional[0];
  if (!userId) {
    process.stderr.write(USAGE);
    return 1;
  }
  const target = commandDatabase(lastFlag(flags, 'database-url'));
  if (target.kind === 'postgres') {
    const { pool } = await connectPostgres(target.url, { migrate: false });
    try {
      const source = await traceSource(pool, userId, TRACE_LIMIT);
      return print(
        traceUser(source, userId, TRACE_LIMIT),
        (await journeysSnapshot(pool)).list(),
        flags.json !== undefined,
      );
    } finally {
      await pool.end();
    }
  }
  const store = openStore(resolveDataDir(lastFlag(flags, 'data')));
  try {
    return print(traceUser(store, userId, TRACE_LIMIT), store.journeys.list(), flags.json !== undefined);
  } finally {
    store.close();
  }
}

const TRACE_LIMIT = 2000;

function print(result: UserTrace, journeys: readonly JourneySummary[], json: boolean): number {
  if (result.events.length === 0 && result.runs.length === 0) {
    process.stderr.write(`No events or runs for user "${result.userId}".\n`);
    return 1;
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const running = journeys.filter((j) => j.status !== 'draft');
  const list = running.map((j) => `${j.id} (${j.status}, v${j.latestVersion})`).join(', ');
  process.stdout.write(`${formatTrace(result)}\nJourneys running: ${list || 'none (publish a journey to run it)'}\n`);
  return 0;
}
