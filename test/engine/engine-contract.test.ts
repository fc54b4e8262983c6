import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ID_BYTES } from '../../electron/engine/event-limits';
import { Journey } from '../../shared/journey/schema';
import { startPostgres, type TestPostgres } from '../postgres';
import { type EngineUnderTest, postgresEngine, sqliteEngine } from './contract/engine-under-test';
import { waitThenSend } from './contract/journeys';
import { HOUR, identify, MIN, T0, track } from './harness';

/**
 * The live engine's contract, run on both stores: SQLite (the desktop app, one host) and
 * PostgreSQL (several engines on one database). Same events in, same decisions out.
 */
let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(() => server?.stop());

let e: EngineUnderTest | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

const engines: [string, (ids: string[]) => Promise<EngineUnderTest>][] = [
  ['SQLite', (ids) => sqliteEngine(ids)],
  ['PostgreSQL', (ids) => postgresEngine(server, ids)],
];

describe.each(engines)('the live engine on %s', (_name, open) => {
  const start = async (ids: string[]) => {
    e = await open(ids);
    return e;
  };
  const sent = async (engine: EngineUnderTest) =>
    (await engine.outbox()).map((r) => `${r.kind} ${r.nodeId} +${(r.at - T0) / MIN}m`);
  const decisions = async (engine: EngineUnderTest, userId: string) =>
    (await engine.journal(userId)).flatMap((j) => j.decisions.map((d) => `${d.nodeId}: ${d.message}`));
  const outcomes = async (engine: EngineUnderTest, userId: string) =>
    (await engine.journal(userId)).flatMap((j) => j.outcomes);

  /** u enters "Wait then send", the journey is paused, and u does `x` 10 minutes in. */
  const enterThenPauseThenX = async () => {
    const engine = await start([]);
    await engine.publish(waitThenSend);
    await engine.ingest([identify('u'), track('u', 'start', 0)]);
    await engine.setPaused('w', true);
    engine.clock.set(T0 + 10 * MIN);
    await engine.ingest([track('u', 'x', 10 * MIN)]);
    return engine;
  };

  describe('events are evaluated at their own time', () => {
    it('sorts a batch by event time per user, whatever order it was posted in', async () => {
      const engine = await start(['integration-setup']);
      engine.clock.set(T0 + HOUR);
      await engine.ingest([
        track('u', 'api_key_created', 30 * MIN),
        identify('u'),
        track('u', 'integration_started', 0, { integration_type: 'custom_api' }),
      ]);
      // Entered at 0, then the key at +30m moved the run on: no API key reminder is due.
      expect((await engine.runs('u'))[0]).toMatchObject({ nodeId: 'wait_domain', nodeSince: T0 + 30 * MIN });
      await engine.runUntil(3 * HOUR);
      expect(await sent(engine)).toEqual(['email confirm +0m']);
    });

    it('applies a late event at its own time, before a wake-up that was due after it', async () => {
      const engine = await start(['integration-setup']);
      await engine.ingest([identify('u'), track('u', 'integration_started', 0, { integration_type: 'custom_api' })]);
      // The 2-hour reminder is due at +2h but has not fired yet when, at +3h, an event dated +1h arrives.
      engine.clock.set(T0 + 3 * HOUR);
      await engine.ingest([track('u', 'api_key_created', HOUR)]);
      await engine.fireAll();
      expect(await sent(engine)).toEqual(['email confirm +0m']);
      const made = (await engine.journal('u')).flatMap((j) => j.decisions);
      expect(made.find((d) => d.nodeId === 'wait_api_key' && d.at === T0 + HOUR)?.message).toBe(
        'API key created happened after 1 hour → happened.',
      );
    });

    it('fires the wake-ups due before a late event first, then the event', async () => {
      const engine = await start(['integration-setup']);
      await engine.ingest([identify('u'), track('u', 'integration_started', 0, { integration_type: 'custom_api' })]);
      // The key came at +3h, after the +2h timeout: the reminder was right, and it goes out first.
      engine.clock.set(T0 + 4 * HOUR);
      await engine.ingest([track('u', 'api_key_created', 3 * HOUR)]);
      expect(await sent(engine)).toEqual(['email confirm +0m', 'email credential_help +120m']);
      expect((await engine.runs('u'))[0]).toMatchObject({ nodeId: 'wait_domain', nodeSince: T0 + 3 * HOUR });
    });

    it('does not let an event dated in the future move a run ahead of its time', async () => {
      const engine = await start(['integration-setup']);
      await engine.ingest([identify('u'), track('u', 'integration_started', 0, { integration_type: 'custom_api' })]);
      // Dated 10 hours ahead: too late for the 2-hour wait it arrives during.
      await engine.ingest([track('u', 'api_key_created', 10 * HOUR)]);
      await engine.runUntil(3 * HOUR);
      expect((await engine.runs('u'))[0]).toMatchObject({
        nodeId: 'wait_api_key_after_help',
        nodeSince: T0 + 2 * HOUR,
        wakeAt: T0 + 2 * HOUR + 3 * 24 * HOUR,
      });
    });

    it('merges identify traits: new ones are added, repeated ones replaced, others kept', async () => {
      const engine = await start(['integration-setup']);
      await engine.ingest([identify('u', { role: 'engineer', plan: 'free' })]);
      await engine.ingest([identify('u', { plan: 'pro', company: 'Acme' }, MIN)]);
      expect(await engine.traits('u')).toEqual({
        email: 'u@example.com',
        createdAt: new Date(T0).toISOString(),
        role: 'engineer',
        plan: 'pro',
        company: 'Acme',
      });
    });
  });

  describe('pausing a journey', () => {
    it('holds what a waited-for event would send, and sends it on resume', async () => {
      const engine = await enterThenPauseThenX();
      await engine.runUntil(HOUR);
      expect(await sent(engine)).toEqual([]);
      expect((await engine.runs('u'))[0]).toMatchObject({ status: 'active', nodeId: 'hook' });
      expect(await decisions(engine, 'u')).toContain(
        'hook: Webhook held: the journey is paused. It goes out when it is resumed.',
      );
      await engine.setPaused('w', false);
      await engine.fireAll();
      expect(await sent(engine)).toEqual(['webhook hook +10m', 'email mail +10m']);
    });

    it('skips a held webhook and email as stale when the pause outlasts max lateness', async () => {
      const engine = await enterThenPauseThenX();
      await engine.runUntil(8 * HOUR);
      await engine.setPaused('w', false);
      await engine.fireAll();
      // Max lateness holds every outside effect, webhooks as well as emails.
      expect(await sent(engine)).toEqual([]);
      const all = await outcomes(engine, 'u');
      expect(all.find((o) => o.nodeId === 'hook')).toMatchObject({ type: 'skip', reason: 'stale' });
      expect(all.find((o) => o.nodeId === 'mail')).toMatchObject({ type: 'skip', reason: 'stale' });
    });

    it("does not fire a paused journey's due reminder when the user sends an unrelated event", async () => {
      const engine = await start(['integration-setup']);
      await engine.ingest([identify('u'), track('u', 'integration_started', 0)]);
      await engine.setPaused('integration-setup', true);
      engine.clock.set(T0 + 3 * HOUR);
      await engine.ingest([identify('u', { role: 'engineer' }, 3 * HOUR), track('u', 'page_viewed', 3 * HOUR)]);
      expect(await sent(engine)).toEqual(['email confirm +0m']);
      await engine.setPaused('integration-setup', false);
      await engine.fireAll();
      expect(await sent(engine)).toEqual(['email confirm +0m', 'email credential_help +120m']);
    });

    it('still applies exit rules while paused', async () => {
      const engine = await start(['integration-setup']);
      await engine.ingest([identify('u'), track('u', 'integration_started', 0)]);
      await engine.setPaused('integration-setup', true);
      engine.clock.set(T0 + 30 * MIN);
      await engine.ingest([track('u', 'sync_completed', 30 * MIN)]);
      await engine.setPaused('integration-setup', false);
      await engine.runUntil(5 * 24 * HOUR);
      expect(await sent(engine)).toEqual(['email confirm +0m']);
      expect((await engine.runs('u'))[0]).toMatchObject({ status: 'done', endReason: 'sync_completed' });
    });

    it('counts what people did during the pause: a run resumed late takes a step they already took', async () => {
      const engine = await start(['integration-setup']);
      await engine.ingest([identify('u'), track('u', 'integration_started', 0, { integration_type: 'custom_api' })]);
      await engine.setPaused('integration-setup', true);
      // The 2-hour API key wait times out during the pause; the key comes at +3h, still in the pause.
      engine.clock.set(T0 + 3 * HOUR);
      await engine.ingest([track('u', 'api_key_created', 3 * HOUR)]);
      engine.clock.set(T0 + 4 * HOUR);
      await engine.setPaused('integration-setup', false);
      await engine.fireAll();
      // The reminder was due at +2h and is within max lateness, so it goes out; then the key,
      // created at +3h, moves the run on as it would have without the pause.
      expect(await sent(engine)).toEqual(['email confirm +0m', 'email credential_help +120m']);
      expect((await engine.runs('u'))[0]).toMatchObject({ nodeId: 'wait_domain', nodeSince: T0 + 3 * HOUR });
      await engine.runUntil(80 * HOUR);
      expect((await engine.runs('u'))[0]?.endReason).not.toBe('setup_abandoned');
    });

    it('catches a looping wait up on thousands of events from a long pause, step by step', async () => {
      const engine = await start([]);
      await engine.publish(
        Journey.parse({
          formatVersion: 1,
          id: 'loop',
          name: 'Each visit',
          nodes: [
            { id: 'go', type: 'trigger', position: { x: 0, y: 0 }, config: { event: 'start' } },
            {
              id: 'pause_first',
              type: 'delay',
              position: { x: 0, y: 100 },
              config: { mode: 'duration', duration: '1h' },
            },
            {
              id: 'visit',
              type: 'wait',
              position: { x: 0, y: 200 },
              config: { event: 'page_viewed', timeout: '7d', lookback: 'none' },
            },
          ],
          edges: [
            { id: 'a', from: 'go', output: 'next', to: 'pause_first' },
            { id: 'b', from: 'pause_first', output: 'next', to: 'visit' },
            { id: 'c', from: 'visit', output: 'happened', to: 'visit' },
          ],
          exitRules: [],
          settings: {},
          templates: {},
        }),
      );
      await engine.ingest([identify('u'), track('u', 'start', 0)]);
      await engine.setPaused('loop', true);
      const visits = Array.from({ length: 3000 }, (_, i) => track('u', 'page_viewed', 2 * HOUR + i * 1000));
      engine.clock.set(T0 + 3 * HOUR);
      await engine.ingest(visits);
      await engine.setPaused('loop', false);
      await engine.fireAll();
      const [run] = await engine.runs('u');
      expect(run).toMatchObject({ status: 'active', nodeId: 'visit', nodeSince: T0 + 2 * HOUR + 2999 * 1000 });
      expect(run?.visits.visit).toBe(3001);
    });
  });

  describe('bounce and complaint events', () => {
    it('suppress the address they name, or the user’s email; a soft bounce only counts', async () => {
      const engine = await start(['integration-setup']);
      await engine.ingest([
        { type: 'identify', userId: 'fay', timestamp: T0, traits: { email: 'Fay@Example.com' }, messageId: 'i-fay' },
        { type: 'track', event: 'email_complained', userId: 'fay', timestamp: T0, properties: {}, messageId: 'c1' },
        {
          type: 'track',
          event: 'email_bounced',
          userId: 'gus',
          timestamp: T0,
          properties: { email: 'gus@example.com', reason: 'mailbox does not exist' },
          messageId: 'b1',
        },
        {
          type: 'track',
          event: 'email_bounced',
          userId: 'hal',
          timestamp: T0,
          properties: { email: 'hal@example.com', type: 'soft' },
          messageId: 'b2',
        },
      ]);
      expect(await engine.suppression('fay@example.com')).toMatchObject({
        reason: 'complained',
        source: 'event',
        userId: 'fay',
      });
      expect(await engine.suppression('gus@example.com')).toMatchObject({
        reason: 'bounced',
        detail: 'mailbox does not exist',
      });
      expect(await engine.suppression('hal@example.com')).toBeUndefined();
      // The person's timeline says when and why mail to them stopped.
      const timeline = (await engine.journal('gus')).flatMap((j) => j.decisions.map((d) => d.message));
      expect(timeline).toContain(
        'Stopped mailing gus@example.com is suppressed: it bounced (mailbox does not exist). No journey sends to this address any more.',
      );
    });

    it('an email_bounced in the same batch as the trigger stops the email the trigger would send', async () => {
      const engine = await start(['integration-setup']);
      await engine.ingest([
        identify('ivy'),
        { type: 'track', event: 'email_bounced', userId: 'ivy', timestamp: T0, properties: {}, messageId: 'b-ivy' },
        track('ivy', 'integration_started', 1),
      ]);
      expect((await outcomes(engine, 'ivy')).find((o) => o.nodeId === 'confirm')).toMatchObject({
        type: 'skip',
        reason: 'bounced',
      });
      expect(await sent(engine)).toEqual([]);
    });

    it('a suppressed address is skipped at its next email, whenever that comes', async () => {
      const engine = await start(['integration-setup']);
      await engine.ingest([
        identify('kit'),
        track('kit', 'integration_started', 0, { integration_type: 'custom_api' }),
      ]);
      engine.clock.set(T0 + HOUR);
      await engine.ingest([
        {
          type: 'track',
          event: 'email_bounced',
          userId: 'kit',
          timestamp: T0 + HOUR,
          properties: {},
          messageId: 'b-kit',
        },
      ]);
      await engine.runUntil(3 * HOUR);
      expect(await sent(engine)).toEqual(['email confirm +0m']);
      expect((await outcomes(engine, 'kit')).find((o) => o.nodeId === 'credential_help')).toMatchObject({
        type: 'skip',
        reason: 'bounced',
      });
    });
  });

  describe('calls with only an anonymousId', () => {
    it('are kept, and an identify with both ids makes them the user’s history and traits', async () => {
      const engine = await start(['integration-setup']);
      await engine.ingest([
        {
          type: 'track',
          userId: '',
          anonymousId: 'anon-7',
          event: 'pricing_viewed',
          timestamp: T0,
          properties: {},
          messageId: 'a1',
        },
        {
          type: 'identify',
          userId: '',
          anonymousId: 'anon-7',
          traits: { plan: 'pro' },
          timestamp: T0,
          messageId: 'a2',
        },
      ]);
      expect(await engine.anonymousKept()).toBe(2);
      await engine.ingest([
        {
          type: 'identify',
          userId: 'ann',
          anonymousId: 'anon-7',
          traits: { email: 'ann@example.com' },
          timestamp: T0 + MIN,
          messageId: 'a3',
        },
      ]);
      expect(await engine.history('ann')).toEqual(['pricing_viewed']);
      expect(await engine.traits('ann')).toEqual({ plan: 'pro', email: 'ann@example.com' });
      expect(await engine.anonymousKept()).toBe(0);
    });
  });

  it('takes an email trait with a NUL character as no address: the email is skipped, nothing fails', async () => {
    const engine = await start(['integration-setup']);
    await engine.ingest([
      identify('nul', { email: 'nul\u0000@example.com' }),
      track('nul', 'integration_started', 0, { integration_type: 'custom_api' }),
    ]);
    expect((await outcomes(engine, 'nul')).find((o) => o.nodeId === 'confirm')).toMatchObject({
      type: 'skip',
      reason: 'invalid_email',
    });
  });

  it('stores a user id and an event name of the longest length allowed, in any script', async () => {
    const engine = await start(['integration-setup']);
    // Random 4-byte characters (repeated ones would compress): 1,024 bytes each, user id and event name in one index entry.
    const longest = Array.from({ length: MAX_ID_BYTES / 4 }, (_, i) =>
      String.fromCodePoint(0x1f300 + ((i * 7919) % 700)),
    ).join('');
    await engine.ingest([
      identify(longest),
      { type: 'track', event: longest, userId: longest, timestamp: T0, properties: {}, messageId: longest },
      track(longest, 'integration_started', MIN, { integration_type: 'custom_api' }),
    ]);
    expect(await engine.history(longest)).toEqual([longest, 'integration_started']);
    expect((await engine.runs(longest)).map((r) => r.nodeId)).toEqual(['wait_api_key']);
  });
});
