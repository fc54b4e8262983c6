import { UsageError } from './command';
import { commands } from './commands';

/** Entry point of the `dripagent` command: dispatches to one command module, returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name && Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    const list = Object.entries(commands)
      .map(([key, c]) => `  ${key.padEnd(13)} ${c.summary}`)
      .join('\n');
    const head = name && name !== 'help' && name !== '--help' ? `Unknown command "${name}".\n\n` : '';
    process.stderr.write(`${head}Usage: dripagent <command> [options]\n\nCommands:\n${list}\n`);
    return name && name !== 'help' && name !== '--help' ? 1 : 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`dripagent ${name}: ${error.message}\n`);
    return 1;
  }
}
