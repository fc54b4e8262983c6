import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseJsonWithLocation } from '../../shared/journey/parse-json';
import type { Journey } from '../../shared/journey/schema';
import { type Problem, validateJourney } from '../../shared/journey/validate';

export interface LoadedJourneyFile {
  path: string;
  journey?: Journey;
  problems: Problem[];
}

/** Expands each PATH (a journey file or a folder of them) into the .json files it names, sorted. */
export function expandJourneyPaths(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) throw new Error(`${path}: no such file or folder`);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)
        .filter((n) => n.endsWith('.json'))
        .sort())
        files.push(join(path, name));
    } else {
      files.push(path);
    }
  }
  return files;
}

/** Reads and validates one journey file; bad JSON becomes a problem naming the line. */
export function loadJourneyFile(path: string): LoadedJourneyFile {
  const text = readFileSync(path, 'utf8');
  let json: unknown;
  try {
    json = parseJsonWithLocation(text);
  } catch (error) {
    return { path, problems: [{ severity: 'error', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const result = validateJourney(json);
  return {
    path,
    ...(result.journey ? { journey: result.journey } : {}),
    problems: result.problems.map((problem) => namingScenario(problem, json)),
  };
}

/**
 * A problem inside a saved scenario names it by id, not only by its place in the list:
 * `scenarios.2.expect.emails.0.at` becomes `scenario "stalls" expect.emails.0.at`.
 */
function namingScenario(problem: Problem, json: unknown): Problem {
  const match = problem.field?.match(/^scenarios\.(\d+)(?:\.(.*))?$/);
  if (!match || !problem.field) return problem;
  const scenarios = (json as { scenarios?: unknown } | null)?.scenarios;
  const id = Array.isArray(scenarios) ? (scenarios[Number(match[1])] as { id?: unknown } | undefined)?.id : undefined;
  if (typeof id !== 'string') return problem;
  const field = `scenario "${id}"${match[2] ? ` ${match[2]}` : ''}`;
  const message = problem.message.startsWith(`${problem.field}:`)
    ? `${field}:${problem.message.slice(problem.field.length + 1)}`
    : problem.message;
  return { ...problem, field, message };
}

/** Problems that only show when several journeys are used together. */
export function crossJourneyProblems(files: readonly LoadedJourneyFile[]): { path: string; problem: Problem }[] {
  const found: { path: string; problem: Problem }[] = [];
  const journeyIds = new Map<string, string>();
  const nodeIds = new Map<string, string>();
  for (const file of files) {
    if (!file.journey) continue;
    const other = journeyIds.get(file.journey.id);
    if (other)
      found.push({
        path: file.path,
        problem: {
          severity: 'error',
          field: 'id',
          message: `journey id "${file.journey.id}" is also used by ${basename(other)}`,
        },
      });
    journeyIds.set(file.journey.id, file.path);
    for (const node of file.journey.nodes) {
      const owner = nodeIds.get(node.id);
      if (owner && owner !== file.path) {
        found.push({
          path: file.path,
          problem: {
            severity: 'warning',
            nodeId: node.id,
            message: `node id "${node.id}" is also used in ${basename(owner)}; ids should be unique across journeys so outcomes are unambiguous`,
          },
        });
      }
      nodeIds.set(node.id, file.path);
    }
  }
  return found;
}

/** Formats a problem as one line: `file: error [node credential_help] config.template: ...`. */
export function formatProblem(path: string, problem: Problem): string {
  const where = [
    problem.nodeId ? `[node ${problem.nodeId}]` : '',
    problem.field && !problem.message.startsWith(`${problem.field}:`) ? `${problem.field}:` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `${path}: ${problem.severity}${where ? ` ${where}` : ''} ${problem.message}`;
}
