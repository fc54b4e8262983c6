import type { CliCommand } from './command';

/**
 * The command table. Each command lives in its own module and is imported lazily so that
 * `dripagent schema` does not load SQLite or the mail stack.
 */
export const commands: Record<string, CliCommand> = {
  serve: lazy('Run the headless host: the engine, the API and the interface over HTTP', () => import('./serve')),
  simulate: lazy("Run users' events through journeys and print what they would receive", () => import('./simulate')),
  test: lazy("Run journeys' saved scenarios and check what they expect", () => import('./test-scenarios')),
  backtest: lazy(
    'Replay stored events through a journey and count what it would have done',
    () => import('./backtest'),
  ),
  forecast: lazy('Forecast the emails the live journeys will send in the next days', () => import('./forecast')),
  validate: lazy('Check journey files and print their problems', () => import('./validate')),
  schema: lazy('Print the JSON Schema of the journey format', () => import('./schema')),
  import: lazy('Import event history from a JSONL or CSV file', () => import('./import')),
  trace: lazy('Show what a user received, when, and why', () => import('./trace')),
  migrate: lazy('Bring the database (SQLite or PostgreSQL) up to this version', () => import('./migrate')),
  backup: lazy('Write a consistent copy of the database while DripAgent runs', () => import('./backup')),
  report: lazy("Measure the setup funnel, or a journey's results", () => import('./report')),
  'check-domain': lazy('Check SPF, DKIM, DMARC and MX of your sending domain', () => import('./check-domain')),
};

function lazy(summary: string, load: () => Promise<{ default: CliCommand['run'] }>): CliCommand {
  return { summary, run: async (args) => (await load()).default(args) };
}
