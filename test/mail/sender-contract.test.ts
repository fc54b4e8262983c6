import type { Transporter } from 'nodemailer';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { messageIdFor } from '../../electron/mail/outbox/message-id';
import type { OutboxSender } from '../../electron/mail/outbox/sender';
import { type MailTransport, smtpTransport } from '../../electron/mail/outbox/transport';
import type { OutboxRow } from '../../electron/store/outbox-repo';
import { startPostgres, type TestPostgres } from '../postgres';
import { type OutboxUnderTest, postgresOutbox, sqliteOutbox } from './contract/outbox-under-test';
import {
  emailItem,
  type HookServer,
  links,
  parse,
  pooledTransporter,
  type Sink,
  startHookServer,
  startSink,
  T0,
  TestClock,
  waitUntil,
  webhookItem,
} from './fixtures';

/**
 * The outbox sender's contract, run on both stores: SQLite's sender (one per data folder) and
 * PostgreSQL's (one per engine, with claims). Same rows in, same deliveries and records out.
 */
let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(() => server?.stop());

let sink: Sink;
let hooks: HookServer;
let transporter: Transporter;
let transport: MailTransport;
let clock: TestClock;
let outbox: OutboxUnderTest | undefined;
let sender: OutboxSender | undefined;
beforeEach(async () => {
  sink = await startSink();
  hooks = await startHookServer();
  transporter = pooledTransporter(sink.port);
  transport = smtpTransport(transporter);
  clock = new TestClock();
});
afterEach(async () => {
  await sender?.stop();
  sender = undefined;
  transporter.close();
  await sink.close();
  await hooks.close();
  await outbox?.close();
  outbox = undefined;
});

/** Waits until `check` holds for the row, reading it again and again. */
async function rowWhen(key: string, check: (row: OutboxRow | undefined) => boolean): Promise<OutboxRow | undefined> {
  const started = Date.now();
  for (;;) {
    const row = await outbox?.byKey(key);
    if (check(row) || Date.now() - started > 10_000) return row;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each([
  ['SQLite', () => sqliteOutbox()],
  ['PostgreSQL', () => postgresOutbox(server)],
])('the outbox sender on %s', (_name, open) => {
  const start = async (
    retry?: Parameters<OutboxUnderTest['sender']>[2],
    rate?: Parameters<OutboxUnderTest['sender']>[3],
  ) => {
    outbox ??= await open();
    sender = outbox.sender(clock, transport, retry, rate);
    sender.start();
    return sender;
  };
  const add = async (item: ReturnType<typeof emailItem>) => {
    outbox ??= await open();
    await outbox.add(item, T0);
    return item;
  };

  test('a pending email is delivered over SMTP and marked sent at the clock time', async () => {
    const item = await add(emailItem({ to: 'ada@example.com', subject: 'Welcome, Ada' }));
    const s = await start();
    const [message] = await sink.waitFor(1);
    await s.idle();
    expect(message?.to).toEqual(['ada@example.com']);
    expect(message?.from).toBe('hello@acme.test');
    expect(await outbox?.byKey(item.key)).toMatchObject({ status: 'sent', attempts: 1, sentAt: T0, lastError: null });
  });

  test('each email carries a Message-ID from its key, both List-Unsubscribe links and the one-click header', async () => {
    const item = await add(emailItem({ userId: 'user-42' }));
    await start();
    const [message] = await sink.waitFor(1);
    const parsed = await parse(message?.raw ?? '');
    expect(parsed.messageId).toBe(messageIdFor(item.key, 'hello@acme.test'));
    expect(parsed.messageId).toMatch(/^<[0-9a-f]{32}@acme\.test>$/);
    const listUnsubscribe = parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
    expect(listUnsubscribe).toContain(`<${links.urlFor('user-42')}>`);
    expect(listUnsubscribe).toMatch(/<mailto:hello@acme\.test\?subject=unsubscribe%20[\w.-]+>/);
    expect(parsed.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(parsed.subject).toBe(item.payload.kind === 'email' ? item.payload.subject : '');
    expect(parsed.html).toContain('<p>Hello');
    // The fixture's template has no unsubscribe link of its own: the sender adds one.
    expect(parsed.text?.trim()).toMatch(/^Hello \d+\n\nUnsubscribe: http:\/\/127\.0\.0\.1:\d+\/u\/\S+$/);
    expect(parsed.html).toMatch(/<a href="http:\/\/127\.0\.0\.1:\d+\/u\/[^"]+">Unsubscribe<\/a>/);
  });

  test('a 451 is retried after the backoff with the same Message-ID, then delivered', async () => {
    sink.rejectNext([451, '4.3.0 Greylisted, try again later']);
    const item = await add(emailItem());
    const s = await start();
    await waitUntil(() => sink.attempts.length === 1);
    const afterFirst = await rowWhen(item.key, (row) => row?.attempts === 1);
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: T0 + 1000 });
    expect(afterFirst?.lastError).toContain('Greylisted');
    clock.advance(999);
    s.poke();
    await s.idle();
    expect(sink.attempts).toHaveLength(1);
    clock.advance(1);
    s.poke();
    await sink.waitFor(1);
    await s.idle();
    expect(sink.attempts).toEqual([sink.messages[0]?.messageId, sink.messages[0]?.messageId]);
    expect(await rowWhen(item.key, (row) => row?.status === 'sent')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  test('a 550 is recorded as failed with the server message and never retried', async () => {
    sink.rejectNext([550, '5.1.1 No such user here']);
    const item = await add(emailItem());
    const s = await start();
    const row = await rowWhen(item.key, (r) => r?.status === 'failed');
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.lastError).toContain('No such user here');
    clock.advance(24 * 3600_000);
    s.poke();
    await s.idle();
    expect(sink.attempts).toHaveLength(1);
  });

  test('a transient failure becomes permanent after the last allowed attempt', async () => {
    sink.rejectAll([451, '4.3.0 Still busy']);
    const item = await add(emailItem());
    const s = await start({ baseMs: 1000, maxMs: 1000, maxAttempts: 3, jitter: 0 });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await rowWhen(item.key, (row) => (row?.attempts ?? 0) >= attempt);
      clock.advance(1000);
      s.poke();
    }
    const row = await rowWhen(item.key, (r) => r?.status === 'failed');
    expect(row?.lastError).toMatch(/^Gave up after 3 attempts: .*451/);
    expect(sink.attempts).toHaveLength(3);
  });

  test("an unsubscribed user's pending email is not sent and says why", async () => {
    const item = await add(emailItem({ userId: 'gone' }));
    await outbox?.unsubscribe('gone', T0);
    await (await start()).idle();
    expect(sink.attempts).toHaveLength(0);
    expect(await outbox?.byKey(item.key)).toMatchObject({
      status: 'failed',
      lastError: 'Not sent: the user unsubscribed',
    });
  });

  test('stop waits for the messages in flight and records them as sent', async () => {
    const items = [];
    for (let i = 0; i < 20; i++) items.push(await add(emailItem()));
    const s = await start();
    await waitUntil(() => s.stats().inFlight > 0);
    await s.stop();
    const rows = await Promise.all(items.map((item) => outbox?.byKey(item.key)));
    const sent = rows.filter((r) => r?.status === 'sent').length;
    expect(sent).toBe(sink.messages.length);
    expect(sent + rows.filter((r) => r?.status === 'pending').length).toBe(20);
    expect(s.stats().inFlight).toBe(0);
  });

  test('a webhook is POSTed with its body, its headers and the outbox key as Idempotency-Key', async () => {
    const item = await add(webhookItem(hooks.url));
    await (await start()).idle();
    expect(hooks.requests).toHaveLength(1);
    const [request] = hooks.requests;
    expect(request?.body).toBe(item.payload.kind === 'webhook' ? item.payload.body : '');
    expect(request?.headers['x-custom']).toBe('yes');
    expect(request?.headers['idempotency-key']).toBe(item.key);
    expect(await outbox?.byKey(item.key)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  test('a webhook answered 503 is retried after the backoff; one answered 400 fails for good', async () => {
    hooks.respond(503, 200);
    const retried = await add(webhookItem(hooks.url));
    const s = await start();
    const failed = await rowWhen(retried.key, (row) => row?.attempts === 1);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: T0 + 1000 });
    expect(failed?.lastError).toBe('HTTP 503: status 503');
    clock.advance(1000);
    s.poke();
    expect(await rowWhen(retried.key, (row) => row?.status === 'sent')).toMatchObject({ status: 'sent' });
    expect(hooks.requests.map((r) => r.headers['idempotency-key'])).toEqual([retried.key, retried.key]);
    hooks.respond(400);
    const refused = await add(webhookItem(hooks.url));
    s.poke();
    expect(await rowWhen(refused.key, (row) => row?.status === 'failed')).toMatchObject({ status: 'failed' });
  });

  test('keeps to the sending rate: 2 a minute and 3 an hour send 2, then 1 more, then the rest an hour later', async () => {
    for (let i = 0; i < 5; i++) await add(emailItem());
    const s = await start(undefined, () => ({ perMinute: 2, perHour: 3 }));
    const settledAt = async (sent: number) => {
      await waitUntil(() => s.stats().inFlight === 0 && sink.messages.length === sent, 10_000, `${sent} sent`);
      for (let tries = 0; (await outbox?.sentCount()) !== sent && tries < 500; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    await settledAt(2);
    clock.advance(60_001);
    s.poke();
    await settledAt(3);
    // A new minute, but the hour's 3 are used up: nothing more goes out.
    clock.advance(60_001);
    // The sender looks again (twice: the first look is done by the time the second begins).
    const looked = s.stats().pumps;
    s.poke();
    await waitUntil(() => s.stats().pumps > looked, 10_000, 'the sender to look again');
    s.poke();
    await waitUntil(() => s.stats().pumps > looked + 1, 10_000, 'the sender to look once more');
    expect(sink.messages).toHaveLength(3);
    clock.advance(3_600_000);
    s.poke();
    await settledAt(5);
    expect(sink.messages).toHaveLength(5);
  });

  test('a recipient refused with a 5xx is suppressed in every journey, with the reason; a 4xx only counts', async () => {
    sink.rejectRecipient('bob@example.com', [550, '5.1.1 No such user']);
    sink.rejectRecipient('cy@example.com', [452, '4.2.2 Mailbox full']);
    const bob = await add(emailItem({ to: 'bob@example.com', userId: 'bob' }));
    const cy = await add(emailItem({ to: 'cy@example.com', userId: 'cy' }));
    await start();
    expect(await rowWhen(bob.key, (row) => row?.status === 'failed')).toMatchObject({ status: 'failed' });
    await rowWhen(cy.key, (row) => (row?.attempts ?? 0) === 1);
    expect(await outbox?.suppression('bob@example.com')).toMatchObject({
      address: 'bob@example.com',
      userId: 'bob',
      reason: 'bounced',
      source: 'smtp',
    });
    expect(await outbox?.suppression('cy@example.com')).toBeUndefined();
    expect(await outbox?.byKey(cy.key)).toMatchObject({ status: 'pending', attempts: 1 });
  });
});
