import { afterEach, describe, expect, test } from 'vitest';
import { journeyResults } from '../../electron/metrics/journey-results';
import { isHoldout } from '../../shared/engine/holdout';
import { Journey, type JourneyInput } from '../../shared/journey/schema';
import { DAY, HOUR, identify, T0, track } from '../events';
import { metricsFixture } from './fixtures';

/** go → email hello → wait 1 day for connected → email nudge; exit on sync; goal: connected within 7 days. */
function goalJourney(holdoutPercent: number, extra: Partial<JourneyInput> = {}): Journey {
  const at = (y: number) => ({ x: 0, y });
  return Journey.parse({
    formatVersion: 1,
    id: 'nudge',
    name: 'Nudge',
    nodes: [
      { id: 'go', type: 'trigger', position: at(0), config: { event: 'integration_started' } },
      { id: 'hello', type: 'email', position: at(1), config: { template: 't' } },
      { id: 'wait', type: 'wait', position: at(2), config: { event: 'integration_connected', timeout: '1d' } },
      { id: 'nudge', type: 'email', position: at(3), config: { template: 't' } },
      { id: 'done', type: 'exit', position: at(4), config: { reason: 'connected' } },
    ],
    edges: [
      { id: 'e1', from: 'go', output: 'next', to: 'hello' },
      { id: 'e2', from: 'hello', output: 'next', to: 'wait' },
      { id: 'e3', from: 'wait', output: 'timed_out', to: 'nudge' },
      { id: 'e4', from: 'wait', output: 'happened', to: 'done' },
    ],
    exitRules: [{ event: 'sync_completed' }],
    settings: { holdoutPercent, goal: { event: 'integration_connected', within: '7d' } },
    templates: { t: { subject: 'Hi', html: '<p>Hi</p>', text: 'Hi' } },
    ...extra,
  });
}

let f: ReturnType<typeof metricsFixture> | undefined;
afterEach(() => f?.close());

function publish(journey: Journey) {
  f = metricsFixture();
  f.store.journeys.saveDraft({ id: journey.id, name: journey.name, json: JSON.stringify(journey) });
  f.store.journeys.publish(journey.id);
  f.engine.journeysChanged();
  return f;
}

const results = (fx: ReturnType<typeof metricsFixture>) =>
  journeyResults(fx.store.reports.journey, fx.store.journeys, {
    journeyId: 'nudge',
    from: T0 - DAY,
    to: T0 + 30 * DAY,
  });

const users = Array.from({ length: 400 }, (_, i) => `user-${i}`);

describe("a journey's results", () => {
  test('entered, active, exits by reason, reach per step and each email sent, delivered and skipped', async () => {
    const fx = publish(goalJourney(50));
    const held = users.find((u) => isHoldout(u, 'nudge', 50)) as string;
    const [a, b] = users.filter((u) => !isHoldout(u, 'nudge', 50)) as [string, string];
    fx.ingest([identify(a), identify(b), identify(held)]);
    fx.ingest([
      track(a, 'integration_started', 0),
      track(b, 'integration_started', 0),
      track(held, 'integration_started', 0),
    ]);
    // a connects after 2 hours (leaves through the wait); b syncs (the exit rule); the held-out user waits on.
    fx.ingest([track(a, 'integration_connected', 2 * HOUR), track(b, 'sync_completed', 3 * HOUR)]);
    for (const row of fx.store.outbox.list({ limit: 10 }))
      if (row.userId === a) fx.store.outbox.markSent(row.id, row.at);

    const r = await results(fx);
    expect(r).toMatchObject({ entered: 3, active: 1, finished: 2 });
    expect(r?.exits).toEqual([
      { reason: 'exit_rule', runs: 1, endReasons: [{ endReason: 'sync_completed', runs: 1 }] },
      { reason: 'end', runs: 1, endReasons: [{ endReason: 'connected', runs: 1 }] },
    ]);
    expect(r?.held_back).toEqual([{ reason: 'holdout', users: 1, reasons: ['holdout'] }]);
    expect(r?.nodes).toEqual([
      { nodeId: 'done', reached: 1 },
      { nodeId: 'go', reached: 3 },
      { nodeId: 'hello', reached: 3 },
      { nodeId: 'wait', reached: 3 },
    ]);
    // hello: decided for a and b, delivered to a (b's still pending), skipped for the held-out user;
    // a reached the goal 2 h after it: 1 of 1 recipients.
    expect(r?.messages).toEqual([
      {
        nodeId: 'hello',
        kind: 'email',
        sent: 2,
        delivered: 1,
        failed: 0,
        pending: 1,
        skipped: [{ reason: 'holdout', count: 1 }],
        recipients: 1,
        converted: 1,
        conversion_rate: 1,
        clicks: { people: 0, count: 0, prefetches: 0, rate: 0, links: [] },
        opens: null,
      },
    ]);
  });

  test("each email's clicks per link and opens, people apart from link scanners, and bounced addresses held back", async () => {
    const fx = publish(goalJourney(0));
    fx.engine.setConfig({
      suppressed: (address) => (address === 'gone@acme.test' ? { reason: 'bounced', words: 'it bounced' } : undefined),
    });
    fx.ingest([
      identify('ann', { email: 'ann@acme.test' }),
      identify('bob', { email: 'bob@acme.test' }),
      identify('gone', { email: 'gone@acme.test' }),
      ...['ann', 'bob', 'gone'].map((u) => track(u, 'integration_started', 0)),
    ]);
    const sent = fx.store.outbox.list({ limit: 10 }).filter((row) => row.nodeId === 'hello');
    expect(sent.map((row) => row.userId).sort()).toEqual(['ann', 'bob']);
    for (const row of sent) fx.store.outbox.markSent(row.id, row.at);
    const click = (userId: string, link: string, prefetch: string | null = null, kind: 'click' | 'open' = 'click') =>
      fx.store.clicks.add({
        outboxId: sent.find((row) => row.userId === userId)?.id ?? 0,
        userId,
        journeyId: 'nudge',
        nodeId: 'hello',
        kind,
        link: kind === 'open' ? '' : link,
        prefetch,
        at: T0 + HOUR,
      });
    // ann clicks the docs twice and the status page once; bob's scanner fetches the docs, then bob opens it.
    click('ann', 'https://docs.acme.test/setup');
    click('ann', 'https://docs.acme.test/setup');
    click('ann', 'https://status.acme.test');
    click('bob', 'https://docs.acme.test/setup', 'too_soon');
    click('bob', '', null, 'open');

    const hello = (await results(fx))?.messages.find((m) => m.nodeId === 'hello');
    // 1 of the 2 delivered clicked (50%); 3 clicks by people, 1 by a scanner; bob opened (1 of 2).
    expect(hello?.clicks).toEqual({
      people: 1,
      count: 3,
      prefetches: 1,
      rate: 0.5,
      links: [
        { url: 'https://docs.acme.test/setup', clicks: 2, people: 1, prefetches: 1 },
        { url: 'https://status.acme.test', clicks: 1, people: 1, prefetches: 0 },
      ],
    });
    expect(hello?.opens).toEqual({ people: 1, count: 1, prefetches: 0, rate: 0.5 });
    expect(hello?.skipped).toEqual([{ reason: 'bounced', count: 1 }]);
    expect((await results(fx))?.held_back).toEqual([{ reason: 'suppressed', users: 1, reasons: ['bounced'] }]);
  });

  test('an exit rule on the goal event counts as reaching the goal', async () => {
    const fx = publish(goalJourney(0, { exitRules: [{ event: 'integration_connected', filters: [] }] }));
    fx.ingest([identify('ann'), track('ann', 'integration_started', 0), track('ann', 'integration_connected', HOUR)]);
    expect((await results(fx))?.exits).toEqual([
      { reason: 'goal', runs: 1, endReasons: [{ endReason: 'integration_connected', runs: 1 }] },
    ]);
  });

  test('the holdout comparison: goal conversion within the window, by group, with the interval and a sentence', async () => {
    const fx = publish(goalJourney(50));
    // Every user starts at T0. Of those who can get emails, every 2nd connects 3 h later (50%);
    // of the held out, every 5th (20%); one more held-out user connects only after 8 days (outside 7 d).
    const mailed = users.filter((u) => !isHoldout(u, 'nudge', 50)).slice(0, 60);
    const held = users.filter((u) => isHoldout(u, 'nudge', 50)).slice(0, 60);
    fx.ingest([...mailed, ...held].flatMap((u) => [identify(u), track(u, 'integration_started', 0)]));
    fx.ingest([
      ...mailed.filter((_, i) => i % 2 === 0).map((u) => track(u, 'integration_connected', 3 * HOUR)),
      ...held.filter((_, i) => i % 5 === 0).map((u) => track(u, 'integration_connected', 3 * HOUR)),
      track(held[1] as string, 'integration_connected', 8 * DAY),
    ]);
    const c = (await results(fx))?.holdout?.comparison;
    expect(c?.treatment).toMatchObject({ users: 60, converted: 30, rate: 0.5, medianMsToGoal: 3 * HOUR });
    expect(c?.control).toMatchObject({ users: 60, converted: 12, rate: 0.2, medianMsToGoal: 3 * HOUR });
    // 30/60 − 12/60 = 0.30; Newcombe's interval (checked against the published examples) is about 0.13 to 0.45.
    expect(c?.interval?.difference).toBeCloseTo(0.3, 10);
    expect(c?.sentence).toMatch(
      /^Users who got these emails connected 30 points more often \(95% CI 1[34] to 4[456]\)\.$/,
    );
  });

  test('each random split branch against the first', async () => {
    const base = goalJourney(0);
    const split = Journey.parse({
      ...base,
      nodes: [
        ...base.nodes.filter((n) => n.id !== 'hello'),
        {
          id: 'ab',
          type: 'random_split',
          position: { x: 0, y: 1 },
          config: {
            branches: [
              { output: 'a', percent: 50 },
              { output: 'b', percent: 50 },
            ],
          },
        },
        { id: 'hello', type: 'email', position: { x: 0, y: 2 }, config: { template: 't' } },
      ],
      edges: [
        { id: 'e1', from: 'go', output: 'next', to: 'ab' },
        { id: 'e2', from: 'ab', output: 'a', to: 'hello' },
        { id: 'e3', from: 'ab', output: 'b', to: 'wait' },
        { id: 'e4', from: 'hello', output: 'next', to: 'wait' },
        { id: 'e5', from: 'wait', output: 'timed_out', to: 'nudge' },
        { id: 'e6', from: 'wait', output: 'happened', to: 'done' },
      ],
    });
    const fx = publish(split);
    const some = users.slice(0, 40);
    fx.ingest(some.flatMap((u) => [identify(u), track(u, 'integration_started', 0)]));
    fx.ingest(some.slice(0, 10).map((u) => track(u, 'integration_connected', HOUR)));
    const [comparison] = (await results(fx))?.splits[0]?.comparisons ?? [];
    expect(comparison?.treatment.label).toBe('Branch b');
    expect(comparison?.control.label).toBe('Branch a');
    expect((comparison?.treatment.users ?? 0) + (comparison?.control.users ?? 0)).toBe(40);
    expect((comparison?.treatment.converted ?? 0) + (comparison?.control.converted ?? 0)).toBe(10);
    expect(comparison?.sentence).toMatch(/^Not enough users yet to tell/);
  });

  test('no such journey gives nothing', async () => {
    const fx = publish(goalJourney(0));
    expect(
      await journeyResults(fx.store.reports.journey, fx.store.journeys, { journeyId: 'nope', from: 0, to: 1 }),
    ).toBeUndefined();
  });
});
