import { simulate } from '../../shared/engine/simulate';
import type { EngineConfig, Outcome } from '../../shared/engine/types';
import type { Journey } from '../../shared/journey/schema';
import { capConfig } from './cap-flag';
import { parseCommandFlags } from './command';
import { readEventsJsonl } from './events-file';
import { parseIsoTime } from './iso-time';
import { crossJourneyProblems, expandJourneyPaths, formatProblem, loadJourneyFile } from './journey-files';

const USAGE =
  'Usage: dripagent simulate --journey PATH [--journey PATH ...] --events FILE.jsonl [--until ISO8601] [--cap 3/24h|off]\n';

/**
 * `dripagent simulate`: runs events through journeys with the one interpreter and prints one JSON
 * line per outcome, in time order. Bad input exits 1 naming the file, line and field.
 */
export default async function simulateCommand(args: string[]): Promise<number> {
  const { flags } = parseCommandFlags(args, { values: ['cap', 'events', 'journey', 'until'] });
  const journeyPaths = flags.journey ?? [];
  const eventsPath = flags.events?.[0];
  if (journeyPaths.length === 0 || !eventsPath) {
    process.stderr.write(USAGE);
    return 1;
  }
  let until: number | undefined;
  if (flags.until?.[0]) {
    until = parseIsoTime(flags.until[0]) ?? Number.NaN;
    if (Number.isNaN(until)) {
      process.stderr.write(`--until: "${flags.until[0]}" is not an ISO-8601 time\n`);
      return 1;
    }
  }
  let config: Partial<EngineConfig>;
  try {
    config = capConfig(flags.cap);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  const journeys: Journey[] = [];
  let failed = false;
  try {
    const loaded = expandJourneyPaths(journeyPaths).map(loadJourneyFile);
    const problems = [
      ...loaded.flatMap((f) => f.problems.map((problem) => ({ path: f.path, problem }))),
      ...crossJourneyProblems(loaded),
    ];
    for (const { path, problem } of problems) {
      if (problem.severity === 'error') {
        process.stderr.write(`${formatProblem(path, problem)}\n`);
        failed = true;
      }
    }
    for (const file of loaded) if (file.journey) journeys.push(file.journey);
    if (loaded.length === 0) {
      process.stderr.write(`no journey files found in ${journeyPaths.join(', ')}\n`);
      failed = true;
    }
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  let events: ReturnType<typeof readEventsJsonl>;
  try {
    events = readEventsJsonl(eventsPath);
  } catch (error) {
    process.stderr.write(`${eventsPath}: ${(error as Error).message}\n`);
    return 1;
  }
  for (const e of events.errors)
    process.stderr.write(`${eventsPath}: line ${e.line}, field ${e.field}: ${e.message}\n`);
  if (failed || events.errors.length > 0) return 1;
  if (events.anonymous.length > 0) {
    const lines = events.anonymous.slice(0, 5).join(', ') + (events.anonymous.length > 5 ? ', …' : '');
    process.stderr.write(
      `${eventsPath}: ${events.anonymous.length} call(s) with only an anonymousId (line ${lines}) left out: they belong to nobody until an identify names the user\n`,
    );
  }
  const result = simulate({ journeys, events: events.events, config, ...(until !== undefined ? { until } : {}) });
  const out: string[] = result.outcomes.map(formatOutcome);
  process.stdout.write(out.length > 0 ? `${out.join('\n')}\n` : '');
  return 0;
}

/** One output line; keys in the documented order, optional ones only when present. */
export function formatOutcome(o: Outcome): string {
  return JSON.stringify({
    at: new Date(o.at).toISOString(),
    userId: o.userId,
    journeyId: o.journeyId,
    nodeId: o.nodeId,
    type: o.type,
    ...(o.subject !== undefined ? { subject: o.subject } : {}),
    ...(o.reason !== undefined ? { reason: o.reason } : {}),
  });
}
