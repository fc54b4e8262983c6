import { parseCommandFlags } from './command';

const USAGE = `Usage:
  dripagent report funnel [--data DIR | --database-url URL] [--from ISO] [--to ISO] [--by integration_type|role|source|TRAIT]
                          [--activation-event NAME] [--json|--csv]
  dripagent report journey ID [--data DIR | --database-url URL] [--from ISO] [--to ISO] [--json]

The period is [--from, --to), by default the 30 days up to now.
`;

const usage = () => {
  process.stdout.write(USAGE);
  return 0;
};

/** `dripagent report funnel|journey …`: the setup funnel, or one journey's results. */
export default async function report(args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  const period = ['data', 'from', 'to', 'database-url'];
  if (kind === 'funnel') {
    const { flags } = parseCommandFlags(rest, {
      values: [...period, 'by', 'activation-event'],
      switches: ['json', 'csv'],
    });
    if (flags.help) return usage();
    return (await import('./report-funnel')).reportFunnel(flags);
  }
  if (kind === 'journey') {
    const { flags, positional } = parseCommandFlags(rest, { values: period, switches: ['json'] });
    if (flags.help) return usage();
    return (await import('./report-journey')).reportJourney(positional[0], flags);
  }
  process.stderr.write(kind && kind !== '--help' && kind !== 'help' ? `Unknown report "${kind}".\n${USAGE}` : USAGE);
  return kind === '--help' || kind === 'help' ? 0 : 1;
}
