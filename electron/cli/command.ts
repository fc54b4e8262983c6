/** One `dripagent` sub-command. `run` returns the process exit code. */
export interface CliCommand {
  summary: string;
  run(args: string[]): Promise<number>;
}

/**
 * Minimal flag parser: `--name value`, repeated flags collect into arrays, `--flag` alone is true.
 * @example parseFlags(['--journey','a','--journey','b','x']) // { flags: { journey: ['a','b'] }, positional: ['x'] }
 */
export function parseFlags(
  args: string[],
  /** Flags that never take a value: `--force FILE` keeps FILE as a positional argument. */
  switches: readonly string[] = ['help'],
): { flags: Record<string, string[]>; positional: string[] } {
  const flags: Record<string, string[]> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg.startsWith('--')) {
      const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      const next = args[i + 1];
      const takesNext = inline === undefined && !switches.includes(key) && next !== undefined && !next.startsWith('--');
      if (takesNext) i++;
      const value = inline ?? (takesNext ? next : 'true');
      flags[key] = [...(flags[key] ?? []), value];
    } else {
      positional.push(arg);
    }
  }
  return { flags, positional };
}
