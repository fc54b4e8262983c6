import type { Transporter } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createOutboxSender, type OutboxSender } from '../../electron/mail/outbox/sender';
import { type MailTransport, smtpTransport } from '../../electron/mail/outbox/transport';
import { openStore } from '../../electron/store';
import {
  emailItem,
  links,
  pooledTransporter,
  type Sink,
  startSink,
  T0,
  TestClock,
  tempStore,
  testSender,
  waitUntil,
} from './fixtures';

let sink: Sink;
let data: ReturnType<typeof tempStore>;
let clock: TestClock;
let transporter: Transporter;
let transport: MailTransport;
let sender: OutboxSender | undefined;

beforeEach(async () => {
  sink = await startSink();
  data = tempStore();
  clock = new TestClock();
  transporter = pooledTransporter(sink.port);
  transport = smtpTransport(transporter);
});

afterEach(async () => {
  await sender?.stop();
  sender = undefined;
  transporter.close();
  await sink.close();
  data.cleanup();
});

const start = (options: Parameters<typeof testSender>[3] = {}) => {
  sender = testSender(data.store, clock, transport, options);
  sender.start();
  return sender;
};

// Delivery, retries, failures, unsubscribes and stopping run on both stores in sender-contract.test.ts.
describe('outbox sender: email', () => {
  test('backoff doubles with each transient failure', async () => {
    sink.rejectAll([421, '4.7.0 Busy']);
    const item = emailItem();
    data.store.outbox.add(item, T0);
    const s = start();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      await waitUntil(() => sink.attempts.length === attempt);
      await s.idle();
      const row = data.store.outbox.byKey(item.key);
      waits.push((row?.nextAttemptAt ?? 0) - clock.now());
      clock.time = row?.nextAttemptAt ?? 0;
      s.poke();
    }
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  test('a refused connection is transient: the row stays pending with the error and a retry time', async () => {
    await sink.close();
    const item = emailItem();
    data.store.outbox.add(item, T0);
    const s = start();
    await waitUntil(() => (data.store.outbox.byKey(item.key)?.attempts ?? 0) === 1);
    await s.idle();
    const row = data.store.outbox.byKey(item.key);
    expect(row).toMatchObject({ status: 'pending', nextAttemptAt: T0 + 1000 });
    expect(row?.lastError).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    sink = await startSink();
  });

  test('poke wakes the sender at once instead of waiting for the poll', async () => {
    const s = start({ pollMs: 60_000 });
    await s.idle();
    data.store.outbox.add(emailItem(), T0);
    const before = Date.now();
    s.poke();
    await sink.waitFor(1);
    expect(Date.now() - before).toBeLessThan(1000);
  });

  test('a row due later is sent when its time comes without a poke', async () => {
    const realClock = { now: () => Date.now() };
    sender = testSender(data.store, clock, transport, { clock: realClock, pollMs: 60_000 });
    sender.start();
    await sender.idle();
    data.store.outbox.add(emailItem(), Date.now() + 300);
    sender.poke();
    await sender.idle();
    expect(sink.messages).toHaveLength(0);
    await sink.waitFor(1, 5000);
  });

  test('a row that comes due while the outbox is being read is sent at once, not a poll later', async () => {
    // Each look at this clock is a millisecond later, so the row below is not due when the outbox
    // is read but is due by the time the sender decides how long to sleep.
    let t = T0;
    const ticking = { now: () => ++t };
    sender = testSender(data.store, clock, transport, { clock: ticking, pollMs: 60_000 });
    sender.start();
    await sender.idle();
    data.store.outbox.add(emailItem(), t + 2);
    sender.poke();
    await sink.waitFor(1, 5000);
  });

  test('two senders on one data folder never deliver the same row twice', async () => {
    const other = openStore(data.dir);
    for (let i = 0; i < 100; i++) data.store.outbox.add(emailItem(), T0);
    const first = createOutboxSender({ store: data.store, clock, transport, links });
    const secondTransporter = pooledTransporter(sink.port);
    const second = createOutboxSender({ store: other, clock, transport: smtpTransport(secondTransporter), links });
    first.start();
    second.start();
    await sink.waitFor(100);
    await Promise.all([first.idle(), second.idle()]);
    await Promise.all([first.stop(), second.stop()]);
    secondTransporter.close();
    other.close();
    expect(new Set(sink.attempts).size).toBe(100);
    expect(sink.attempts).toHaveLength(100);
  });

  test('1000 emails go through a pooled loopback transport, each once, and the rate is reported', async () => {
    for (let i = 0; i < 1000; i++) data.store.outbox.add(emailItem(), T0);
    const began = performance.now();
    const s = start();
    await sink.waitFor(1000, 30_000);
    await s.idle();
    const seconds = (performance.now() - began) / 1000;
    console.log(`outbox sender: 1000 emails in ${seconds.toFixed(2)} s = ${Math.round(1000 / seconds)} msgs/s`);
    expect(new Set(sink.messages.map((m) => m.messageId)).size).toBe(1000);
    expect(data.store.outbox.counts()).toEqual({ pending: 0, sent: 1000, failed: 0 });
  }, 60_000);
});

describe('outbox sender: at most once across a crash', () => {
  test('the handoff is recorded only after the server accepted the envelope', async () => {
    const hold = sink.hold('rcpt');
    const item = emailItem();
    data.store.outbox.add(item, T0);
    start();
    await hold.reached;
    expect(data.store.handoffs.all()).toEqual([]);
    hold.release();
    await sink.waitFor(1);
  });

  test('while the server decides on the finished message the row is handed off, and its reply closes the handoff', async () => {
    const hold = sink.hold('data');
    const item = emailItem();
    data.store.outbox.add(item, T0);
    const s = start();
    await hold.reached;
    const id = data.store.outbox.byKey(item.key)?.id;
    expect(data.store.handoffs.all()).toEqual([{ outboxId: id, at: T0 }]);
    expect(data.store.outbox.byKey(item.key)?.status).toBe('pending');
    hold.release();
    await sink.waitFor(1);
    await s.idle();
    expect(data.store.handoffs.all()).toEqual([]);
    expect(data.store.outbox.byKey(item.key)?.status).toBe('sent');
  });

  test('a rejection after the handoff clears it and schedules the retry', async () => {
    sink.rejectNext([452, '4.3.1 Insufficient storage']);
    const item = emailItem();
    data.store.outbox.add(item, T0);
    const s = start();
    await waitUntil(() => sink.attempts.length === 1);
    await s.idle();
    expect(data.store.handoffs.all()).toEqual([]);
    expect(data.store.outbox.byKey(item.key)).toMatchObject({ status: 'pending', attempts: 1 });
  });

  test('a handoff left open by a crash counts as sent at its time and is never delivered again', async () => {
    const item = emailItem();
    data.store.outbox.add(item, T0);
    const id = data.store.outbox.byKey(item.key)?.id ?? 0;
    data.store.handoffs.add(id, T0 - 5);
    await start().idle();
    expect(sink.attempts).toEqual([]);
    expect(data.store.outbox.byKey(item.key)).toMatchObject({ status: 'sent', sentAt: T0 - 5 });
    expect(data.store.handoffs.all()).toEqual([]);
  });
});
