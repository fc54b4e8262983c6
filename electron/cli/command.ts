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

/** The last value given for a flag (a flag given twice counts as given last), or undefined. */
export function lastFlag(flags: Record<string, string[]>, name: string): string | undefined {
  return flags[name]?.at(-1);
}

/** A mistake in how a command was called: printed as it is (no stack), with exit code 1. */
export class UsageError extends Error {}

/** The flags a command knows: those that take a value, and switches that never do. */
export interface FlagSpec {
  values?: readonly string[];
  switches?: readonly string[];
}

/**
 * `parseFlags` that refuses what the command does not know, so a typo (`--form` for `--from`)
 * never runs a report over the wrong period: an unknown flag, a value flag given no value, or a
 * switch given one (`--json=x`) throws a UsageError naming it. `--help` is always a switch.
 * @example parseCommandFlags(['--from', '2026-03-01', 'x'], { values: ['from'] }) // { flags: { from: ['2026-03-01'] }, positional: ['x'] }
 */
export function parseCommandFlags(
  args: string[],
  { values = [], switches = [] }: FlagSpec,
): { flags: Record<string, string[]>; positional: string[] } {
  const allSwitches = ['help', ...switches];
  const known = [...values, ...allSwitches];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) continue;
    const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (!known.includes(key)) {
      const list = known.filter((k) => k !== 'help').map((k) => `--${k}`);
      throw new UsageError(
        `Unknown option --${key}${list.length > 0 ? `. This command takes ${list.join(', ')}` : ''} (--help says more).`,
      );
    }
    if (allSwitches.includes(key)) {
      if (inline !== undefined) throw new UsageError(`--${key} takes no value (got "--${arg.slice(2)}").`);
      continue;
    }
    const next = args[i + 1];
    if (inline === '' || (inline === undefined && (next === undefined || next.startsWith('--')))) {
      throw new UsageError(`--${key} needs a value.`);
    }
    if (inline === undefined) i++;
  }
  return parseFlags(args, allSwitches);
}
