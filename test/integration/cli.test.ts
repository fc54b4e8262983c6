import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as runCli } from '../cli';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'dripagent-cli-'));

const cli = (...args: string[]) => runCli(args);

function file(name: string, lines: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
  return path;
}

const stalls = [
  {
    type: 'identify',
    userId: 'ann',
    traits: { email: 'ann@example.com', createdAt: '2026-03-02T09:00:00Z' },
    timestamp: '2026-03-02T09:00:00Z',
  },
  {
    type: 'track',
    event: 'integration_started',
    userId: 'ann',
    timestamp: '2026-03-02T09:05:00Z',
    properties: { integration_type: 'custom_api' },
    messageId: 'a1',
  },
];

describe('dripagent simulate', () => {
  it('prints one JSON line per outcome, in time order', () => {
    const { code, stdout } = cli(
      'simulate',
      '--journey',
      'resources/journeys',
      '--events',
      file('stalls.jsonl', stalls),
      '--until',
      '2026-03-02T12:00:00Z',
    );
    expect(code).toBe(0);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { at: '2026-03-02T09:05:00.000Z', userId: 'ann', journeyId: 'integration-setup', nodeId: 'start', type: 'enter' },
      {
        at: '2026-03-02T09:05:00.000Z',
        userId: 'ann',
        journeyId: 'integration-setup',
        nodeId: 'confirm',
        type: 'email',
        subject: 'Finish connecting your data source in 5 minutes',
      },
      {
        at: '2026-03-02T11:05:00.000Z',
        userId: 'ann',
        journeyId: 'integration-setup',
        nodeId: 'credential_help',
        type: 'email',
        subject: 'Create your API key to keep the custom API setup moving',
      },
    ]);
  });

  it('applies --cap as the live engine applies the cap across journeys, and names a bad one', () => {
    const events = file('cap.jsonl', stalls);
    const capped = cli('simulate', '--journey', 'resources/journeys', '--events', events, '--cap', '1/24h');
    expect(capped.code).toBe(0);
    const outcomes = capped.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(outcomes).toContainEqual(
      expect.objectContaining({ nodeId: 'credential_help', type: 'skip', reason: 'frequency_cap' }),
    );
    const bad = cli('simulate', '--journey', 'resources/journeys', '--events', events, '--cap', 'lots');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--cap="lots" is not a cap');
  });

  it('accepts several --journey flags, files or folders', () => {
    const { code, stdout } = cli(
      'simulate',
      '--journey',
      'resources/journeys/integration-setup.json',
      '--journey',
      'resources/journeys/setup-troubleshooting.json',
      '--events',
      file('s2.jsonl', stalls),
    );
    expect(code).toBe(0);
    expect(stdout).toContain('"type":"exit"');
  });

  it('exits 1 naming the line and field of a bad event', () => {
    const bad = file('bad.jsonl', [
      stalls[0],
      '{not json',
      { type: 'track', userId: 'x', timestamp: 'yesterday', event: 'a' },
      { type: 'page', userId: 'x' },
      { type: 'track', event: 'a', timestamp: '2026-01-01T00:00:00Z' },
    ]);
    const { code, stderr } = cli('simulate', '--journey', 'resources/journeys', '--events', bad);
    expect(code).toBe(1);
    expect(stderr).toContain('bad.jsonl: line 2, field (line): not valid JSON');
    expect(stderr).toContain('bad.jsonl: line 3, field timestamp: "yesterday" is not a date (use ISO-8601)');
    expect(stderr).toContain('bad.jsonl: line 4, field type: unknown type "page"');
    expect(stderr).toContain('bad.jsonl: line 5, field userId:');
  });

  it('exits 1 naming the node and field of a broken journey', () => {
    const broken = join(dir, 'broken.json');
    const journey = JSON.parse(readFileSync(join(root, 'resources/journeys/integration-setup.json'), 'utf8'));
    journey.nodes[1].config = {};
    writeFileSync(broken, JSON.stringify(journey));
    const { code, stderr } = cli('simulate', '--journey', broken, '--events', file('s3.jsonl', stalls));
    expect(code).toBe(1);
    expect(stderr).toContain('error [node confirm] config.template:');
  });
});

describe('dripagent validate and schema', () => {
  it('validate exits 0 for the bundled journeys and 1 for a broken file', () => {
    expect(cli('validate', 'resources/journeys').code).toBe(0);
    const broken = join(dir, 'b.json');
    writeFileSync(broken, '{\n  "formatVersion": 1,\n  "id": oops\n}');
    const result = cli('validate', broken);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/b\.json: error not valid JSON: Unexpected "o" at line 3, column 9/);
  });

  it('schema prints the JSON Schema', () => {
    const { code, stdout } = cli('schema');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});
