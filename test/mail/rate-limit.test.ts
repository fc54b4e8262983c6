import { afterEach, expect, it } from 'vitest';
import { createRateLimiter } from '../../electron/mail/outbox/rate-limiter';
import type { OutboxSender } from '../../electron/mail/outbox/sender';
import { smtpTransport } from '../../electron/mail/outbox/transport';
import { readSendingRate, saveSendingRate } from '../../electron/mail/settings/sending-rate';
import {
  emailItem,
  pooledTransporter,
  type Sink,
  startSink,
  T0,
  TestClock,
  tempStore,
  testSender,
  waitUntil,
} from './fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let sender: OutboxSender | undefined;
let sink: Sink | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await sender?.stop();
  await sink?.close();
  cleanup?.();
});

/**
 * Waits until `sent` emails are recorded and none is in flight: the sender started no other, and
 * with the clock standing still the limiter refuses any more, so the rest wait queued.
 */
const settledAt = async (sent: number) => {
  await waitUntil(() => sender?.stats().inFlight === 0 && cleanSent() === sent, 10_000, `${sent} sent`);
};
let cleanSent = () => 0;

it('the sender keeps to the sending rate: 2 a minute and 3 an hour send 2, then 1 more, then the rest an hour later', async () => {
  const data = tempStore();
  cleanup = data.cleanup;
  const clock = new TestClock(T0);
  sink = await startSink();
  sender = testSender(data.store, clock, smtpTransport(pooledTransporter(sink.port)), {
    rate: () => ({ perMinute: 2, perHour: 3 }),
  });
  cleanSent = () => data.store.outbox.counts().sent;
  for (let i = 0; i < 5; i++) data.store.outbox.add(emailItem(), T0);
  sender.start();
  await settledAt(2);
  expect(sink.messages).toHaveLength(2);
  expect(sender.stats().queued).toBe(3);

  clock.advance(MINUTE + 1);
  sender.poke();
  await settledAt(3);
  expect(sink.messages).toHaveLength(3); // the hour's 3 are used up

  clock.advance(MINUTE + 1);
  // A new minute, but the hour's 3 are used up: the sender looks again and still sends nothing.
  const looked = sender.stats().pumps;
  sender.poke();
  await waitUntil(() => (sender?.stats().pumps ?? 0) > looked, 10_000, 'the sender to look again');
  await settledAt(3);
  expect(sink.messages).toHaveLength(3);
  expect(sender.stats().queued).toBe(2);

  clock.advance(HOUR);
  sender.poke();
  await settledAt(5);
  expect(sink.messages).toHaveLength(5);
  expect(data.store.outbox.counts()).toEqual({ pending: 0, sent: 5, failed: 0 });
});

it('a window that starts after a restart counts the emails sent in the last hour', () => {
  const sent = [T0 - 50 * MINUTE, T0 - 30 * MINUTE, T0 - 30_000];
  const limiter = createRateLimiter(
    () => ({ perMinute: null, perHour: 4 }),
    (since) => sent.filter((at) => at > since),
  );
  expect(limiter.take(T0)).toBe(true);
  expect(limiter.take(T0)).toBe(false);
  // The oldest of the hour's sends leaves the window 50 minutes ago + 1 hour.
  expect(limiter.nextSlotAt(T0)).toBe(T0 + 10 * MINUTE + 1);
});

it('without a limit every email may go at once, and the setting reads back as saved', () => {
  const data = tempStore();
  cleanup = data.cleanup;
  expect(readSendingRate(data.store.meta)).toEqual({ perMinute: null, perHour: null });
  saveSendingRate(data.store.meta, { perMinute: 20, perHour: null });
  expect(readSendingRate(data.store.meta)).toEqual({ perMinute: 20, perHour: null });
  const limiter = createRateLimiter(
    () => ({ perMinute: null, perHour: null }),
    () => {
      throw new Error('not read without a limit');
    },
  );
  for (let i = 0; i < 1000; i++) expect(limiter.take(T0)).toBe(true);
});
