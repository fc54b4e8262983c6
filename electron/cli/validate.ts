import { crossJourneyProblems, expandJourneyPaths, formatProblem, loadJourneyFile } from './journey-files';

/** `dripagent validate PATH...`: prints every problem; exit 1 when any is an error. */
export default async function validate(args: string[]): Promise<number> {
  if (args.length === 0) {
    process.stderr.write('Usage: dripagent validate PATH... (journey files or folders)\n');
    return 1;
  }
  let files: string[];
  try {
    files = expandJourneyPaths(args);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  const loaded = files.map(loadJourneyFile);
  const lines: { path: string; problem: (typeof loaded)[number]['problems'][number] }[] = [];
  for (const file of loaded) for (const problem of file.problems) lines.push({ path: file.path, problem });
  lines.push(...crossJourneyProblems(loaded));
  for (const { path, problem } of lines) process.stdout.write(`${formatProblem(path, problem)}\n`);
  const errors = lines.filter((l) => l.problem.severity === 'error').length;
  const warnings = lines.length - errors;
  process.stdout.write(
    `${files.length} journey file${files.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.\n`,
  );
  return errors > 0 ? 1 : 0;
}
