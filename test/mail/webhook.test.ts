import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { OutboxSender } from '../../electron/mail/outbox/sender';
import type { MailTransport } from '../../electron/mail/outbox/transport';
import {
  emailItem,
  type HookServer,
  startHookServer,
  T0,
  TestClock,
  tempStore,
  testSender,
  waitUntil,
  webhookItem,
} from './fixtures';

let hooks: HookServer;
let data: ReturnType<typeof tempStore>;
let clock: TestClock;
let sender: OutboxSender | undefined;

const noMail: MailTransport = {
  send: () => {
    throw new Error('no email expected');
  },
};

beforeEach(async () => {
  hooks = await startHookServer();
  data = tempStore();
  clock = new TestClock();
});

afterEach(async () => {
  await sender?.stop();
  sender = undefined;
  await hooks.close();
  data.cleanup();
});

const start = (options: Parameters<typeof testSender>[3] = {}) => {
  sender = testSender(data.store, clock, noMail, options);
  sender.start();
  return sender;
};

// A webhook's request, retry and failure run on both stores in sender-contract.test.ts.
describe('outbox sender: webhooks', () => {
  test('a journey counts its failing webhooks, retrying or given up, with the newest error', async () => {
    hooks.respond(503, 400, 200);
    for (let i = 0; i < 3; i++) data.store.outbox.add(webhookItem(hooks.url), T0);
    data.store.outbox.add(webhookItem(hooks.url, { journeyId: 'other' }), T0);
    sender = testSender(data.store, clock, noMail, { webhookConcurrency: 1 });
    sender.start();
    await sender.idle();
    // One 503 (retrying), one 400 (given up), one delivered; another journey's call is not counted.
    expect(data.store.outbox.troubles('welcome', 'webhook')).toEqual({
      retrying: 1,
      failed: 1,
      lastError: 'HTTP 400: status 400',
    });
    expect(data.store.outbox.troubles('welcome', 'email')).toEqual({ retrying: 0, failed: 0, lastError: null });
  });

  test('a 429 is retried like a server error', async () => {
    hooks.respond(429);
    const item = webhookItem(hooks.url);
    data.store.outbox.add(item, T0);
    await start().idle();
    expect(data.store.outbox.byKey(item.key)).toMatchObject({ status: 'pending', attempts: 1 });
  });

  test('a server that does not answer within the timeout is a transient failure', async () => {
    hooks.respond('hang');
    const item = webhookItem(hooks.url);
    data.store.outbox.add(item, T0);
    const began = Date.now();
    await start({ webhookTimeoutMs: 200 }).idle();
    expect(Date.now() - began).toBeLessThan(2000);
    const row = data.store.outbox.byKey(item.key);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'No answer within 200 ms' });
  });

  test('an unreachable webhook URL is retried', async () => {
    await hooks.close();
    const item = webhookItem(hooks.url);
    data.store.outbox.add(item, T0);
    await start().idle();
    const row = data.store.outbox.byKey(item.key);
    expect(row?.status).toBe('pending');
    expect(row?.lastError).toContain('ECONNREFUSED');
    hooks = await startHookServer();
  });

  test('a URL that is not http(s) fails permanently without a request', async () => {
    const item = webhookItem('file:///etc/passwd');
    data.store.outbox.add(item, T0);
    await start().idle();
    expect(data.store.outbox.byKey(item.key)).toMatchObject({
      status: 'failed',
      lastError: 'Webhook URLs must be http or https, not file:',
    });
  });

  test('a slow webhook neither holds back emails nor delays stop, and stays pending', async () => {
    hooks.respond('hang');
    for (let i = 0; i < 3; i++) data.store.outbox.add(webhookItem(hooks.url), T0);
    const sent: string[] = [];
    const recording: MailTransport = {
      send: (message, onHandoff, callback) => {
        sent.push(String(message.to));
        if (typeof onHandoff === 'function') onHandoff();
        setImmediate(() => callback(null));
      },
    };
    data.store.outbox.add(emailItem({ to: 'fast@example.com' }), T0);
    sender = testSender(data.store, clock, recording, { webhookTimeoutMs: 5000 });
    const began = Date.now();
    sender.start();
    await waitUntil(() => sent.length === 1, 1000, 'the email');
    expect(sent).toEqual(['fast@example.com']);
    await sender.stop();
    expect(Date.now() - began).toBeLessThan(2000);
    // Cut short by stop(): still pending, no attempt counted, sent again on the next start.
    expect(data.store.outbox.counts()).toEqual({ pending: 3, sent: 1, failed: 0 });
    expect(data.store.outbox.list({ status: 'pending', limit: 10 }).map((r) => r.attempts)).toEqual([0, 0, 0]);
  });
});
