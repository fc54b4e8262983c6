import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveSendingRate } from '../../electron/mail/settings/sending-rate';
import { openStore } from '../../electron/store';
import { openReadOnlyStore } from '../../electron/store/read-only-store';
import { cli as runCli } from '../cli';
import { writeHistory } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'dripagent-backtest-cli-'));
const data = join(dir, 'data');
const history = join(dir, 'history.jsonl');
const DAY = 86_400_000;
const START = Date.parse('2026-03-01T00:00:00Z');
const FROM = '2026-03-08T00:00:00.000Z';
const TO = '2026-03-22T00:00:00.000Z';
const SEED = 'resources/journeys/integration-setup.json';

const cli = (...args: string[]) => runCli(args);

interface Line {
  at: string;
  userId: string;
  nodeId: string;
  type: string;
  reason?: string;
}

beforeAll(() => {
  // Three weeks of history: users who start, stall, err, and finish, arriving out of order.
  writeHistory(history, 3_000, START, 21 * DAY);
  const imported = cli('import', history, '--data', data);
  expect(imported.code, imported.stderr).toBe(0);
}, 60_000);

describe('dripagent backtest', () => {
  it('counts per node exactly the outcome lines `dripagent simulate` prints for the same events in [from, to)', () => {
    const backtest = cli('backtest', '--journey', SEED, '--data', data, '--from', FROM, '--to', TO, '--json');
    expect(backtest.code, backtest.stderr).toBe(0);
    const counts = JSON.parse(backtest.stdout);
    expect(Object.keys(counts)).toEqual(['users', 'by_node', 'emails_per_day', 'exits', 'goal']);

    const simulated = cli(
      'simulate',
      '--journey',
      'resources/journeys/integration-setup.json',
      '--events',
      history,
      '--until',
      TO,
    );
    expect(simulated.code, simulated.stderr).toBe(0);
    const lines = simulated.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line)
      .filter((l) => l.at >= FROM && l.at < TO);
    const tally = (key: (l: Line) => string, of = lines) => {
      const map = new Map<string, number>();
      for (const l of of) map.set(key(l), (map.get(key(l)) ?? 0) + 1);
      return Object.fromEntries([...map].sort());
    };
    const asMap = (rows: { count: number }[], key: (r: never) => string) =>
      Object.fromEntries(rows.map((r) => [key(r as never), r.count]).sort());

    expect(lines.length).toBeGreaterThan(300);
    expect(asMap(counts.by_node, (r: { nodeId: string; type: string }) => `${r.nodeId} ${r.type}`)).toEqual(
      tally((l) => `${l.nodeId} ${l.type}`),
    );
    expect(counts.users).toBe(new Set(lines.map((l) => l.userId)).size);
    expect(asMap(counts.emails_per_day, (r: { day: string; nodeId: string }) => `${r.day} ${r.nodeId}`)).toEqual(
      tally(
        (l) => `${l.at.slice(0, 10)} ${l.nodeId}`,
        lines.filter((l) => l.type === 'email'),
      ),
    );
    expect(asMap(counts.exits, (r: { reason: string }) => r.reason)).toEqual(
      tally(
        (l) => l.reason ?? '',
        lines.filter((l) => l.type === 'exit'),
      ),
    );
    expect(counts.goal).toBeNull();
  });

  it('writes nothing: the database is unchanged and no run, email or journal entry appears', () => {
    const file = join(data, 'dripagent.db');
    const before = statSync(file).mtimeMs;
    expect(cli('backtest', '--journey', SEED, '--data', data, '--from', FROM, '--to', TO).code).toBe(0);
    expect(statSync(file).mtimeMs).toBe(before);
    const store = openReadOnlyStore(data);
    try {
      expect(store.runs.countsByJourney()).toEqual([]);
      expect(store.outbox.counts()).toEqual({ pending: 0, sent: 0, failed: 0 });
    } finally {
      store.close();
    }
  });

  it('prints the counts in words without --json', () => {
    const { code, stdout } = cli(
      'backtest',
      '--journey',
      'resources/journeys/integration-setup.json',
      '--data',
      data,
      '--from',
      FROM,
      '--to',
      TO,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Backtest of integration-setup from 2026-03-08T00:00:00.000Z to 2026-03-22T00:00:00.000Z:\n\d+ users had an outcome/,
    );
    expect(stdout).toMatch(/\n {2}confirm +email +\d+\n/);
  });

  it('refuses bad times, a period that ends before it starts, and an unknown journey, saying which', () => {
    expect(cli('backtest', '--journey', SEED, '--data', data, '--from', 'yesterday', '--to', TO).stderr).toContain(
      '--from: "yesterday" is not an ISO-8601 date or time',
    );
    expect(cli('backtest', '--journey', SEED, '--data', data, '--from', TO, '--to', FROM).stderr).toContain(
      `--from (${TO}) must be before --to (${FROM})`,
    );
    const unknown = cli('backtest', '--id', 'nope', '--data', data, '--from', FROM, '--to', TO);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--id: there is no journey "nope" in this data folder');
    expect(cli('backtest', '--id', 'x', '--data', join(dir, 'empty'), '--from', FROM, '--to', TO).stderr).toContain(
      'no DripAgent data in',
    );
  });
});

describe('dripagent forecast', () => {
  it('prints the forecast as JSON (no journey is live in imported history: nothing expected)', () => {
    const { code, stdout } = cli('forecast', '--data', data, '--days', '7', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ days: 7, emails_per_day: [], inFlight: 0, entriesPerDay: [] });
  });

  it('applies the sending rate limit saved in Settings', () => {
    const store = openStore(data);
    saveSendingRate(store.meta, { perMinute: null, perHour: 500 });
    store.close();
    const { code, stdout } = cli('forecast', '--data', data, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).limits).toContain('At most 500 emails an hour (Settings → Sending rate).');
  });

  it('refuses a number of days it cannot forecast', () => {
    expect(cli('forecast', '--data', data, '--days', '365').stderr).toContain(
      '--days: "365" must be a whole number from 1 to 90',
    );
  });
});
