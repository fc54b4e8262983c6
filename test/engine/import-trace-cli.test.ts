import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/store';
import { Journey } from '../../shared/journey/schema';
import { cli as runCli } from '../cli';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'electron/bin/dripagent.mjs');
let dir: string;
let data: string;

const cli = (...args: string[]) => runCli(args);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dripagent-import-'));
  data = join(dir, 'data');
  const store = openStore(data);
  for (const file of ['integration-setup.json', 'setup-troubleshooting.json']) {
    const journey = Journey.parse(JSON.parse(readFileSync(join(root, 'resources/journeys', file), 'utf8')));
    store.journeys.saveDraft({ id: journey.id, name: journey.name, json: JSON.stringify(journey) });
    store.journeys.publish(journey.id);
  }
  store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dripagent import and trace', () => {
  it('imports JSONL history through live journeys without sending stale mail, and is idempotent', () => {
    const file = join(dir, 'history.jsonl');
    writeFileSync(
      file,
      [
        {
          type: 'identify',
          userId: 'ann',
          traits: { email: 'ann@example.com', createdAt: '2026-01-05T09:00:00Z' },
          timestamp: '2026-01-05T09:00:00Z',
        },
        {
          type: 'track',
          userId: 'ann',
          event: 'integration_started',
          properties: { integration_type: 'stripe' },
          timestamp: '2026-01-05T09:10:00Z',
          messageId: 'h1',
        },
      ]
        .map((e) => JSON.stringify(e))
        .join('\n'),
    );
    const first = cli('import', file, '--data', data);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Imported 2 events for 1 user');
    expect(first.stderr).toContain('100% (2/2 events)');
    const again = cli('import', file, '--data', data);
    expect(again.stdout).toContain('Imported 0 events for 1 user');
    expect(again.stdout).toContain('2 already stored');

    const trace = cli('trace', 'ann', '--data', data);
    expect(trace.code).toBe(0);
    expect(trace.stdout).toContain('Entered on Integration started');
    expect(trace.stdout).toMatch(
      /\[integration-setup › confirm\] Not sent: .* late, more than the journey's max lateness of 6 hours\./,
    );
    expect(trace.stdout).toContain('Journeys running: integration-setup (live, v1)');
  });

  it('calls no webhook for old history: it is past the max lateness, and the trace says so', () => {
    const file = join(dir, 'errors.jsonl');
    const at = (minutes: number) => new Date(Date.parse('2026-01-05T09:00:00Z') + minutes * 60_000).toISOString();
    const lines = [
      { type: 'identify', userId: 'fay', traits: { email: 'fay@example.com', role: 'founder' }, timestamp: at(0) },
      { type: 'track', userId: 'fay', event: 'setup_error_seen', properties: { error_code: '401' }, timestamp: at(20) },
      { type: 'track', userId: 'fay', event: 'setup_error_seen', properties: { error_code: '401' }, timestamp: at(40) },
    ];
    writeFileSync(file, lines.map((e) => JSON.stringify(e)).join('\n'));
    expect(cli('import', file, '--data', data).code).toBe(0);
    const json = JSON.parse(cli('trace', 'fay', '--data', data, '--json').stdout);
    // The troubleshooting journey escalates a founder to support by webhook: not for last year's errors.
    expect(json.outcomes).toContainEqual(
      expect.objectContaining({
        journeyId: 'setup-troubleshooting',
        nodeId: 'support_escalation',
        type: 'skip',
        reason: 'stale',
      }),
    );
    expect(json.messages.filter((m: { kind: string }) => m.kind === 'webhook')).toEqual([]);
    expect(cli('trace', 'fay', '--data', data).stdout).toMatch(
      /\[setup-troubleshooting › support_escalation\] Webhook not called: \d+ days late, more than the journey's max lateness of 6 hours\./,
    );
  });

  it('draws a one-line progress bar on a terminal', () => {
    const file = join(dir, 'tty.jsonl');
    const lines = Array.from({ length: 3 }, (_, i) =>
      JSON.stringify({ type: 'track', userId: `t${i}`, event: 'page_viewed', timestamp: '2026-01-05T09:00:00Z' }),
    );
    writeFileSync(file, lines.join('\n'));
    // `script` (util-linux, in every Debian) runs the command on a pseudo-terminal.
    const command = [process.execPath, bin, 'import', file, '--data', join(dir, 'tty-data')].join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\r\[#{30}\] 100% 3\/3 events/);
    expect(r.stdout).toContain('Imported 3 events for 3 users');
  });

  it('imports CSV with property columns', () => {
    const file = join(dir, 'more.csv');
    writeFileSync(
      file,
      'type,event,userId,timestamp,integration_type\ntrack,api_key_created,bob,2026-01-05T10:00:00Z,"custom, api"\n',
    );
    expect(cli('import', file, '--data', data).code).toBe(0);
    const json = JSON.parse(cli('trace', 'bob', '--data', data, '--json').stdout);
    expect(json.events[0]).toMatchObject({ event: 'api_key_created', properties: { integration_type: 'custom, api' } });
  });

  it('imports nothing from a file with a bad line, and names it', () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ type: 'track', userId: 'cy', event: 'a', timestamp: '2026-01-05T10:00:00Z' })}\n{oops\n${JSON.stringify({ type: 'track', event: 'a', timestamp: '2026-01-05T10:00:00Z' })}\n`,
    );
    const result = cli('import', file, '--data', data);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 2: not valid JSON');
    expect(result.stderr).toContain('line 3, field userId:');
    expect(result.stderr).toContain('Nothing imported');
    expect(cli('trace', 'cy', '--data', data).code).toBe(1);
  });
});
