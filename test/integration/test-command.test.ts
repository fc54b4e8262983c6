import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { cli as runCli } from '../cli';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'dripagent-test-cli-'));
const seedText = readFileSync(join(root, 'resources/journeys/integration-setup.json'), 'utf8');

const cli = (...args: string[]) => runCli(args);

/** The parts of the seed file these tests change. */
interface SeedFile {
  nodes: { id: string; config: { timeout: { values: Record<string, string> } } }[];
  scenarios: { name: string; expect: { emails: { nodeId: string; at: string }[] } }[];
}

/** The seed journey with a change, written to a temp file. */
function seedWith(name: string, change: (journey: SeedFile) => void): string {
  const journey = JSON.parse(seedText) as SeedFile;
  change(journey);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(journey, null, 2));
  return path;
}

/** API integrations wait 3 hours for the key instead of 2: the reminder comes an hour later. */
function slowerApiKeyWait(journey: SeedFile): void {
  const wait = journey.nodes.find((n) => n.id === 'wait_api_key');
  if (wait) wait.config.timeout.values.api = '3h';
}

/** Parses XML strictly: any well-formedness error throws. */
function parseXml(text: string): Document {
  return new DOMParser({
    errorHandler: {
      warning: () => {},
      error: (message: string) => {
        throw new Error(message);
      },
      fatalError: (message: string) => {
        throw new Error(message);
      },
    },
  }).parseFromString(text, 'text/xml') as unknown as Document;
}

describe('dripagent test', () => {
  it('passes every bundled scenario: one line each, then the count', () => {
    const { code, stdout } = cli('test', 'resources/journeys');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines.slice(0, 9).every((l) => l.startsWith('PASS '))).toBe(true);
    expect(lines).toContain('PASS integration-setup › Stalls before the API key');
    expect(lines[9]).toBe('9 passed, 0 failed');
  });

  it('fails a scenario whose email now comes later, naming both times, and exits 1', () => {
    const path = seedWith('slower.json', (j) => {
      slowerApiKeyWait(j);
    });
    const { code, stdout } = cli('test', path);
    expect(code).toBe(1);
    expect(stdout).toContain(
      'FAIL integration-setup › Stalls before the API key: expected credential_help at +2h05m, got +3h05m\n',
    );
    expect(stdout).toContain(
      'FAIL integration-setup › API integration stalls: expected credential_help at +2h05m, got +3h05m\n',
    );
    // The error help after a repeated error waits for the same API key timeout.
    expect(stdout).toContain(
      'FAIL integration-setup › Repeated errors with the same code: expected error_help at +2h05m, got +3h05m\n',
    );
    expect(stdout).toContain('PASS integration-setup › OAuth integration stalls\n');
    expect(stdout.trim().split('\n').pop()).toBe('3 passed, 3 failed');
  });

  it('writes a JUnit report a CI system can read: suites, cases and the failure in words', () => {
    const path = seedWith('slower-junit.json', (j) => {
      slowerApiKeyWait(j);
      const first = j.scenarios[0];
      if (first) first.name = 'Happy <path> & "quotes"';
    });
    const report = join(dir, 'report.xml');
    expect(cli('test', path, 'resources/journeys/setup-troubleshooting.json', '--junit', report).code).toBe(1);
    const xml = parseXml(readFileSync(report, 'utf8'));
    const top = xml.documentElement;
    expect(top.tagName).toBe('testsuites');
    expect([top.getAttribute('tests'), top.getAttribute('failures'), top.getAttribute('errors')]).toEqual([
      '9',
      '3',
      '0',
    ]);
    const suites = Array.from(xml.getElementsByTagName('testsuite'));
    expect(suites.map((s) => [s.getAttribute('name'), s.getAttribute('tests'), s.getAttribute('failures')])).toEqual([
      ['integration-setup', '6', '3'],
      ['setup-troubleshooting', '3', '0'],
    ]);
    const cases = Array.from(xml.getElementsByTagName('testcase'));
    expect(cases[0]?.getAttribute('name')).toBe('Happy <path> & "quotes"');
    const failed = cases.find((c) => c.getAttribute('name') === 'Stalls before the API key');
    const failure = failed?.getElementsByTagName('failure')[0];
    expect(failure?.getAttribute('message')).toBe('expected credential_help at +2h05m, got +3h05m');
    expect(failure?.textContent).toBe('expected credential_help at +2h05m, got +3h05m');
  });

  it('refuses a scenario that expects a node the journey does not have, naming file, scenario and field', () => {
    const path = seedWith('typo.json', (j) => {
      const expected = j.scenarios[1]?.expect.emails[1];
      if (expected) expected.nodeId = 'credentials_help';
    });
    const { code, stdout, stderr } = cli('test', path);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `${path}: scenario "stalls-before-api-key" expect.emails[1].nodeId: the journey has no node "credentials_help"`,
    );
    expect(stdout).toContain('ERROR integration-setup › Stalls before the API key: expect.emails[1].nodeId');
    expect(stdout.trim().split('\n').pop()).toBe('5 passed, 1 failed');
  });

  it('refuses a journey file with a malformed expectation, naming the scenario and field', () => {
    const path = seedWith('bad-time.json', (j) => {
      const expected = j.scenarios[2]?.expect.emails[0];
      if (expected) expected.at = 'soon';
    });
    const { code, stderr } = cli('test', path);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `${path}: error scenario "stalls-before-domain" expect.emails.0.at: must be a time from the start such as +5m, +2h05m or +1d2h`,
    );
  });

  it('says how to use it when given no journeys', () => {
    const { code, stderr } = cli('test');
    expect(code).toBe(1);
    expect(stderr).toContain('Usage: dripagent test PATH...');
  });
});
