import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/app/core';
import { startHeadlessHost } from '../../electron/app/headless';
import { ManualClock } from '../../electron/engine/clock';
import { formatTrace, traceUser } from '../../electron/engine/trace';
import { createSuppressions } from '../../electron/mail/suppression/suppressions';
import { type Sink, sinkCore, startSink, startsIntegration, T0, TestClock, tempStore } from './fixtures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let core: AppCore | undefined;
let sink: Sink | undefined;
let dir: string | undefined;
afterEach(async () => {
  await core?.close();
  await sink?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  core = undefined;
  sink = undefined;
  dir = undefined;
});

/** The app with the example journeys published, mailing through the real SMTP sink. */
async function liveApp(clock: ManualClock, env: Record<string, string> = {}): Promise<AppCore> {
  dir = mkdtempSync(join(tmpdir(), 'dripagent-bounce-'));
  sink = await startSink();
  core = sinkCore(dir, clock, sink, env);
  core.store.journeys.publish('integration-setup');
  core.runtime.engine.journeysChanged();
  await core.mail.ready;
  return core;
}

const outcomesOf = (app: AppCore, userId: string) => app.store.journal.forUser(userId, 100).flatMap((j) => j.outcomes);

describe('bounces at send', () => {
  it('a 550 for one address suppresses it in every journey: its next reminder is skipped as bounced, the others still go', async () => {
    const clock = new ManualClock(T0);
    const app = await liveApp(clock);
    sink?.rejectRecipient('bob@example.com', [550, '5.1.1 No such user']);
    app.runtime.engine.ingest([
      ...startsIntegration('ann', 'ann@example.com', T0),
      ...startsIntegration('bob', 'Bob@Example.com', T0),
    ]);
    await app.mail.sender.idle();

    expect(sink?.messages.map((m) => m.to)).toEqual([['ann@example.com']]);
    expect(app.store.suppressions.get('bob@example.com')).toMatchObject({
      address: 'bob@example.com',
      userId: 'bob',
      reason: 'bounced',
      source: 'smtp',
      detail: expect.stringContaining('550 5.1.1 No such user'),
    });
    const failed = app.store.outbox.list({ userId: 'bob', limit: 5 })[0];
    expect(failed).toMatchObject({ status: 'failed', lastError: expect.stringContaining('550') });

    clock.set(T0 + 3 * HOUR);
    app.runtime.engine.fireDue();
    await app.mail.sender.idle();
    expect(outcomesOf(app, 'bob').find((o) => o.nodeId === 'credential_help')).toMatchObject({
      type: 'skip',
      reason: 'bounced',
    });
    expect(outcomesOf(app, 'ann').find((o) => o.nodeId === 'credential_help')).toMatchObject({ type: 'email' });
    expect(sink?.messages).toHaveLength(2);
    const why = app.store.journal.forUser('bob', 100).flatMap((j) => j.decisions.map((d) => d.message));
    expect(why).toContain(
      'Stopped mailing bob@example.com is suppressed: it bounced (EENVELOPE (RCPT TO) 550 5.1.1 No such user). No journey sends to this address any more.',
    );
    // `dripagent trace` and People show the reason.
    const trace = traceUser(app.store, 'bob');
    expect(trace.suppression).toMatchObject({ address: 'bob@example.com', reason: 'bounced', source: 'smtp' });
    expect(formatTrace(trace)).toContain(
      'Suppressed: bob@example.com is not mailed by any journey since 2026-03-02 09:00Z: it bounced (EENVELOPE (RCPT TO) 550 5.1.1 No such user)',
    );
    expect(formatTrace(trace)).toMatch(/Not sent: bob@example\.com is suppressed: it bounced/);
  });

  it('a refusal for policy reasons (5.7.1, content judged as spam) fails the email but does not suppress the address', async () => {
    const clock = new ManualClock(T0);
    const app = await liveApp(clock);
    sink?.rejectNext([554, '5.7.1 Message rejected as spam']);
    app.runtime.engine.ingest(startsIntegration('ann', 'ann@example.com', T0));
    await app.mail.sender.idle();
    expect(app.store.outbox.list({ userId: 'ann', limit: 5 })[0]?.status).toBe('failed');
    expect(app.store.suppressions.get('ann@example.com')).toBeUndefined();
  });

  it('the sender refuses a suppressed address even when the outbox already holds an email for it', async () => {
    const clock = new ManualClock(T0);
    const app = await liveApp(clock);
    app.store.outbox.add(
      {
        key: 'old-row',
        runId: 'r',
        userId: 'cy',
        journeyId: 'integration-setup',
        nodeId: 'confirm',
        at: T0,
        payload: {
          kind: 'email',
          to: 'cy@example.com',
          from: 'a@acme.test',
          subject: 'Hi',
          html: '<p>Hi</p>',
          text: 'Hi',
        },
      },
      T0,
    );
    app.mail.suppressions.suppress({ address: 'CY@example.com', reason: 'complained', source: 'event', detail: '' });
    app.mail.sender.poke();
    await app.mail.sender.idle();
    expect(sink?.attempts).toHaveLength(0);
    expect(app.store.outbox.byKey('old-row')).toMatchObject({
      status: 'failed',
      lastError: 'Not sent: cy@example.com is suppressed: its owner marked an email as spam',
    });
  });
});

describe('soft bounces', () => {
  it('suppress an address that soft-bounced on 3 different days within 7 days; retries on one day count once', () => {
    const { store, cleanup } = tempStore();
    const clock = new TestClock(T0);
    const suppressions = createSuppressions({ store, clock });
    const soft = () =>
      suppressions.softBounce({ address: 'dee@example.com', source: 'smtp', detail: '452 4.2.2 Mailbox full' });
    try {
      expect(soft()).toBe(false);
      clock.advance(HOUR);
      expect(soft()).toBe(false); // the same day
      clock.advance(DAY);
      expect(soft()).toBe(false); // day 2
      expect(store.suppressions.get('dee@example.com')).toBeUndefined();
      clock.advance(3 * DAY);
      expect(soft()).toBe(true); // day 5: the third day within 7
      expect(store.suppressions.get('dee@example.com')).toMatchObject({
        reason: 'bounced',
        detail: 'soft bounces on 3 days within 7 days, last: 452 4.2.2 Mailbox full',
      });
    } finally {
      cleanup();
    }
  });

  it('do not suppress when the days are spread wider than 7 days', () => {
    const { store, cleanup } = tempStore();
    const clock = new TestClock(T0);
    const suppressions = createSuppressions({ store, clock });
    const soft = () => suppressions.softBounce({ address: 'eve@example.com', source: 'smtp', detail: '452' });
    try {
      soft();
      clock.advance(4 * DAY);
      soft();
      clock.advance(4 * DAY);
      expect(soft()).toBe(false); // days 0, 4, 8: only two within any 7 days
      expect(store.suppressions.get('eve@example.com')).toBeUndefined();
    } finally {
      cleanup();
    }
  });
});

describe('bounce and complaint events', () => {
  // Which address an event suppresses, and soft bounces, run on both stores in engine-contract.test.ts.
  it('an email_bounced in the same batch as the trigger stops the email the trigger would send', async () => {
    const clock = new ManualClock(T0);
    const app = await liveApp(clock);
    app.runtime.engine.ingest([
      {
        type: 'identify',
        userId: 'ivy',
        timestamp: T0,
        traits: { email: 'ivy@example.com', createdAt: new Date(T0).toISOString() },
        messageId: 'i-ivy',
      },
      { type: 'track', event: 'email_bounced', userId: 'ivy', timestamp: T0, properties: {}, messageId: 'b-ivy' },
      {
        type: 'track',
        event: 'integration_started',
        userId: 'ivy',
        timestamp: T0 + 1,
        properties: {},
        messageId: 's-ivy',
      },
    ]);
    expect(outcomesOf(app, 'ivy').find((o) => o.nodeId === 'confirm')).toMatchObject({
      type: 'skip',
      reason: 'bounced',
    });
  });
});

describe('the Postmark webhook', () => {
  it('suppresses on a hard bounce and a spam complaint, counts a soft bounce, and refuses a wrong secret or a bad body', async () => {
    const clock = new ManualClock(T0);
    const app = await liveApp(clock, { DRIPAGENT_WEBHOOK_SECRET: 'hook-secret-1' });
    const host = await startHeadlessHost({ core: app, rendererDir: '/nonexistent', port: 0 });
    try {
      const post = (secret: string, body: unknown) =>
        fetch(`${host.url}/webhooks/postmark/${secret}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        });
      const bounce = {
        RecordType: 'Bounce',
        Type: 'HardBounce',
        TypeCode: 1,
        Email: 'jo@example.com',
        Description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
        Details: 'smtp;550 5.1.1 The email account that you tried to reach does not exist.',
        BouncedAt: '2026-03-02T09:00:00Z',
      };
      const hard = await post('hook-secret-1', bounce);
      expect(hard.status).toBe(200);
      expect(await hard.json()).toEqual({ ok: true, outcome: 'suppressed' });
      expect(app.store.suppressions.get('jo@example.com')).toMatchObject({ reason: 'bounced', source: 'postmark' });

      const spam = await post('hook-secret-1', {
        RecordType: 'SpamComplaint',
        Type: 'SpamComplaint',
        Email: 'kim@example.com',
      });
      expect(await spam.json()).toEqual({ ok: true, outcome: 'suppressed' });
      expect(app.store.suppressions.get('kim@example.com')?.reason).toBe('complained');

      const soft = await post('hook-secret-1', { ...bounce, Type: 'SoftBounce', Email: 'lu@example.com' });
      expect(await soft.json()).toEqual({ ok: true, outcome: 'soft_bounce' });
      expect(app.store.suppressions.get('lu@example.com')).toBeUndefined();

      expect((await post('wrong', bounce)).status).toBe(401);
      const bad = await post('hook-secret-1', { RecordType: 'Bounce' });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.message).toContain('Email');
      expect((await post('hook-secret-1', 'not json')).status).toBe(400);
      // Other record types name no address in Email: answered, never refused (Postmark would retry them).
      for (const RecordType of ['Delivery', 'Open', 'Click']) {
        const other = await post('hook-secret-1', { RecordType, Recipient: 'jo@example.com', MessageID: 'm-1' });
        expect(other.status, RecordType).toBe(200);
        expect(await other.json()).toEqual({ ok: true, outcome: 'ignored' });
      }
    } finally {
      await host.close();
    }
  });
});
