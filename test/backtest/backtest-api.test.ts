import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replayHistory } from '../../electron/backtest/replay-history';
import { createReplayJobs } from '../../electron/backtest/replay-jobs';
import { createBacktestTally } from '../../electron/backtest/tally';
import { canonicalJourneyText } from '../../electron/journeys/canonical';
import { createHarness, type Harness } from '../api/harness';
import { generateEvents } from '../bench/ingest-data';
import { DAY, HOUR, loadSeed } from '../events';
import { withApiKeyWait } from './fixtures';

const START = Date.parse('2026-03-01T00:00:00Z');
const window = { from: START + 7 * DAY, to: START + 21 * DAY };
const seed = loadSeed('integration-setup');
let harness: Harness;

beforeEach(async () => {
  harness = await createHarness('http');
  // Three weeks of history, stored through the engine (no journey is live, so it only stores).
  harness.core.runtime.engine.ingest(generateEvents(3_000, START, 21 * DAY, 3));
});
afterEach(() => harness.close());

describe('backtest.run', () => {
  it('replays on a worker thread, reports progress as pushes, and counts what the CLI counts', async () => {
    const pushes: unknown[] = [];
    harness.core.events.subscribe((event, payload) => {
      if (event === 'replay.progress') pushes.push(payload);
    });
    const answer = await harness.client.call('backtest.run', { jobId: 'bt-1', journey: seed, ...window });
    expect(answer.status).toBe('done');
    if (answer.status !== 'done') return;
    const direct = createBacktestTally(seed, window);
    await replayHistory(harness.core.store.history, [direct], window.to);
    expect(answer.draft).toEqual(direct.counts());
    expect(answer.draft.by_node.find((c) => c.nodeId === 'confirm')?.count).toBeGreaterThan(50);
    // Never published: there is no live version to compare with.
    expect(answer.live).toBeNull();
    expect(pushes.at(-1)).toMatchObject({ jobId: 'bt-1', done: expect.any(Number) });
  });

  it('splits a large history over threads, each replaying a range of users, and adds their counts up', async () => {
    const jobs = createReplayJobs({ dataDir: harness.core.dataDir, size: () => Number.POSITIVE_INFINITY, parts: 3 });
    const job = { kind: 'backtest' as const, journeys: [seed], window, config: { globalCap: { max: 3, per: '24h' } } };
    const progress: number[] = [];
    const result = await jobs.run('split', job, (p) => progress.push(p.total));
    const direct = createBacktestTally(seed, window);
    await replayHistory(harness.core.store.history, [direct], window.to);
    expect(result).toEqual({ kind: 'backtest', counts: [direct.counts()] });
    // Progress adds up the threads' shares: every user once.
    expect(progress.at(-1)).toBe(harness.core.store.history.countUsers(window.to));
  });

  it('backtests the draft and its live version in one go', async () => {
    const { store } = harness.core;
    store.journeys.saveDraft({ id: seed.id, name: seed.name, json: canonicalJourneyText(seed) });
    store.journeys.publish(seed.id);
    const slower = withApiKeyWait(seed, 24);
    const answer = await harness.client.call('backtest.run', { jobId: 'bt-2', journey: slower, ...window });
    if (answer.status !== 'done') throw new Error('not done');
    const help = (counts: typeof answer.draft | null) =>
      counts?.by_node.find((c) => c.nodeId === 'credential_help' && c.type === 'email')?.count ?? 0;
    // Waiting a day instead of 2 hours, more users create their key in time: fewer reminders.
    expect(help(answer.live)).toBeGreaterThan(help(answer.draft));
  });

  it('stops a job when it is cancelled', async () => {
    const pending = harness.client.call('backtest.run', { jobId: 'bt-3', journey: seed, ...window });
    let cancelled = false;
    for (let i = 0; i < 200 && !cancelled; i++) {
      cancelled = (await harness.client.call('replay.cancel', { jobId: 'bt-3' })).cancelled;
      if (!cancelled) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(cancelled).toBe(true);
    expect(await pending).toEqual({ status: 'cancelled' });
  });

  it('refuses a period that ends before it starts, a bad job name and a malformed journey, with 4xx and the field', async () => {
    const refused = async (args: unknown) => {
      const result = await harness.transport.call('backtest.run', args);
      return result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`;
    };
    expect(await refused({ jobId: 'x', journey: seed, from: window.to, to: window.from })).toBe(
      'invalid_payload: Invalid arguments for backtest.run: to: from must be before to',
    );
    expect(await refused({ jobId: 'no spaces', journey: seed, ...window })).toMatch(
      /^invalid_payload: .*jobId: must be 1 to 64/,
    );
    expect(await refused({ jobId: 'x', journey: { ...seed, nodes: 'many' }, ...window })).toMatch(
      /^invalid_payload: .*journey\.nodes/,
    );
    expect(await refused({ jobId: 'x', journey: seed, from: 1, to: HOUR })).toMatch(/^invalid_payload: .*from/);
  });
});

describe('forecast.run', () => {
  it('forecasts on a worker thread: nothing is live, so nothing is expected', async () => {
    const answer = await harness.client.call('forecast.run', { jobId: 'fc-1', days: 7 });
    expect(answer).toMatchObject({ status: 'done', forecast: { days: 7, emails_per_day: [], inFlight: 0 } });
  });

  it('applies the sending rate limit saved in Settings', async () => {
    await harness.client.call('mail.rate.save', { perMinute: 20, perHour: 1 });
    const answer = await harness.client.call('forecast.run', { jobId: 'fc-2', days: 7 });
    expect(answer.status === 'done' && answer.forecast.limits.slice(1)).toEqual([
      'At most 20 emails a minute (Settings → Sending rate).',
      'At most 1 email an hour (Settings → Sending rate).',
    ]);
  });
});
