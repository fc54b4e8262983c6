import { formatTrace, traceUser } from '../engine/trace';
import { openStore } from '../store';
import { resolveDataDir } from '../store/data-dir';
import { lastFlag, parseCommandFlags } from './command';

/** `dripagent trace USER_ID [--data DIR] [--json]`: what a user received, when, and why. */
export default async function trace(args: string[]): Promise<number> {
  const { flags, positional } = parseCommandFlags(args, { values: ['data'], switches: ['json'] });
  const userId = positional[0];
  if (!userId) {
    process.stderr.write('Usage: dripagent trace USER_ID [--data DIR] [--json]\n');
    return 1;
  }
  const store = openStore(resolveDataDir(lastFlag(flags, 'data')));
  try {
    const result = traceUser(store, userId);
    if (result.events.length === 0 && result.runs.length === 0) {
      process.stderr.write(`No events or runs for user "${userId}".\n`);
      return 1;
    }
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    const running = store.journeys.list().filter((j) => j.status !== 'draft');
    const journeys = running.map((j) => `${j.id} (${j.status}, v${j.latestVersion})`).join(', ');
    process.stdout.write(
      `${formatTrace(result)}\nJourneys running: ${journeys || 'none (publish a journey to run it)'}\n`,
    );
    return 0;
  } finally {
    store.close();
  }
}
