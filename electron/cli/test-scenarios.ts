import { writeFileSync } from 'node:fs';
import type { EngineConfig } from '../../shared/engine/types';
import type { Journey, Scenario } from '../../shared/journey/schema';
import { checkScenario } from '../../shared/scenario/verdict';
import { capConfig } from './cap-flag';
import { parseCommandFlags } from './command';
import { expandJourneyPaths, formatProblem, loadJourneyFile } from './journey-files';
import { type JUnitCase, junitXml } from './junit';

const USAGE = `Usage: dripagent test PATH... [--junit FILE] [--cap 3/24h|off]

Runs every saved scenario of every journey (files or folders) and checks what it expects: the
emails and when they come, the emails that must not come, the webhooks, where the user ends.
Prints one line per scenario and "N passed, M failed"; exits 1 when any failed.
`;

/** The outcome of one scenario, as printed and as written to the JUnit report. */
interface PrintedVerdict {
  status: 'PASS' | 'FAIL' | 'ERROR';
  details: string[];
  testCase: JUnitCase;
}

/** `dripagent test`: the saved scenarios of journeys as tests, for the terminal and for CI. */
export default async function testCommand(args: string[]): Promise<number> {
  const { flags, positional } = parseCommandFlags(args, { values: ['cap', 'junit'] });
  if (positional.length === 0 || flags.help) {
    process.stderr.write(USAGE);
    return positional.length === 0 && !flags.help ? 1 : 0;
  }
  let config: Partial<EngineConfig>;
  let files: string[];
  try {
    config = capConfig(flags.cap);
    files = expandJourneyPaths(positional);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  if (files.length === 0) {
    process.stderr.write(`no journey files found in ${positional.join(', ')}\n`);
    return 1;
  }
  const cases: JUnitCase[] = [];
  let passed = 0;
  let failed = 0;
  for (const path of files) {
    const file = loadJourneyFile(path);
    const errors = file.problems.filter((p) => p.severity === 'error');
    if (!file.journey || errors.length > 0) {
      for (const problem of errors) process.stderr.write(`${formatProblem(path, problem)}\n`);
      const message = errors.map((p) => formatProblem(path, p)).join('\n') || `${path}: not a journey`;
      process.stdout.write(
        `ERROR ${path}: the journey cannot be read (${errors.length === 1 ? '1 problem' : `${errors.length} problems`}, listed above)\n`,
      );
      cases.push({ suite: path, name: '(journey file)', time: 0, error: message });
      failed++;
      continue;
    }
    for (const scenario of file.journey.scenarios) {
      const verdict = runOne(path, file.journey, scenario, config);
      const label = `${file.journey.id} › ${scenario.name || scenario.id}`;
      process.stdout.write(
        `${verdict.status} ${label}${verdict.details.length > 0 ? `: ${verdict.details.join('; ')}` : ''}\n`,
      );
      cases.push(verdict.testCase);
      if (verdict.status === 'PASS') passed++;
      else failed++;
    }
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  const junit = flags.junit?.[0];
  if (junit) {
    try {
      writeFileSync(junit, junitXml(cases));
    } catch (error) {
      process.stderr.write(`--junit ${junit}: ${(error as Error).message}\n`);
      return 1;
    }
  }
  return failed > 0 ? 1 : 0;
}

function runOne(path: string, journey: Journey, scenario: Scenario, config: Partial<EngineConfig>): PrintedVerdict {
  const name = scenario.name || scenario.id;
  const started = performance.now();
  const verdict = checkScenario(journey, scenario, config);
  const time = (performance.now() - started) / 1000;
  if (verdict.status === 'broken') {
    const lines = verdict.problems.map((p) => `${path}: scenario "${scenario.id}" ${p.field}: ${p.message}`);
    for (const line of lines) process.stderr.write(`${line}\n`);
    const details = verdict.problems.map((p) => `${p.field}: ${p.message}`);
    return { status: 'ERROR', details, testCase: { suite: journey.id, name, time: 0, error: lines.join('\n') } };
  }
  const failures = verdict.differences.map((d) => d.message);
  // A scenario that expects nothing passes when it runs (the README says so); its line says why.
  return {
    status: verdict.status === 'fail' ? 'FAIL' : 'PASS',
    details: verdict.status === 'none' ? ['expects nothing yet (pin its outcome in the simulator)'] : failures,
    testCase: { suite: journey.id, name, time, failures },
  };
}
