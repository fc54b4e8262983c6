import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createReportRunner } from '../../electron/metrics/report-runner';
import { DAY, HOUR, identify, T0, track } from '../events';
import { createHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness('http');
  h.core.runtime.engine.ingest([
    identify('ann', { role: 'engineer' }),
    identify('bob', { role: 'marketer' }),
    track('ann', 'integration_started', 0),
    track('bob', 'integration_started', 0),
    track('ann', 'integration_connected', HOUR),
    track('ann', 'workspace_activated', 2 * HOUR),
  ]);
});
afterEach(() => h.close());

const period = { from: T0 - DAY, to: T0 + DAY };

describe('metrics.* over the API', () => {
  test('metrics.funnel answers the contract report, with the breakdown', async () => {
    const { report } = await h.client.call('metrics.funnel', { ...period, by: 'role' });
    expect(report.groups.map((g) => [g.key, g.started, g.connected])).toEqual([
      ['engineer', 1, 1],
      ['marketer', 1, 0],
    ]);
  });

  test('an activation event chosen once is remembered for later reports', async () => {
    expect((await h.client.call('metrics.funnel', period)).activationEvent).toBeNull();
    await h.client.call('metrics.activation.set', { event: 'workspace_activated' });
    const later = await h.client.call('metrics.funnel', period);
    expect(later.activationEvent).toBe('workspace_activated');
    expect(later.report.groups[0]?.activation).toEqual({ completed: 1, not_completed: 0 });
    expect(h.core.store.meta.get('metrics.activationEvent')).toBe('workspace_activated');
  });

  test('a report asked for with a requestId pushes its progress', async () => {
    const seen: { requestId: string; done: number; total: number }[] = [];
    h.core.events.subscribe((event, payload) => {
      if (event === 'metrics.progress') seen.push(payload as (typeof seen)[number]);
    });
    await h.client.call('metrics.funnel', { ...period, requestId: 'r1' });
    expect(seen.at(-1)).toEqual({ requestId: 'r1', done: 2, total: 2 });
  });

  test('a period that ends before it starts is refused naming the field, and nothing is run', async () => {
    const result = await h.transport.call('metrics.funnel', { from: T0, to: T0 - 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(!result.ok && result.error.message).toContain('to: `from` must be before `to`');
  });

  test('a breakdown name with a double quote or a backslash is refused, not run as a JSON path', async () => {
    for (const by of ['role"]', 'role\\', '  ']) {
      const result = await h.transport.call('metrics.funnel', { ...period, by });
      expect(result, by).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
  });

  test('metrics.journey of an unknown journey is not found; metrics.events answers per event name', async () => {
    const missing = await h.transport.call('metrics.journey', { journeyId: 'nope', ...period });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const health = await h.client.call('metrics.events', period);
    expect(health.events.find((e) => e.name === 'integration_started')).toMatchObject({ total: 2, users: 2 });
  });
});

describe('the report worker', () => {
  test('runs a report on its own thread and connection, with the same answer as the main thread', async () => {
    const warn = vi.spyOn(console, 'warn');
    const inline = { reports: h.core.store.reports, journeys: h.core.store.journeys };
    const worker = createReportRunner({ file: h.core.store.file, inline });
    const onMain = createReportRunner({ file: h.core.store.file, inline, forceInline: true });
    const job = { kind: 'funnel' as const, query: { ...period, by: 'role', activationEvent: null } };
    const [threaded, main] = await Promise.all([worker.run(job), onMain.run(job)]);
    expect(threaded).toEqual(main);
    expect(warn).not.toHaveBeenCalledWith(expect.stringContaining('report worker failed'), expect.anything());
    await worker.close();
    await onMain.close();
  });
});
