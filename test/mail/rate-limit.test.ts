import { afterEach, expect, it } from 'vitest';
import { createRateLimiter } from '../../electron/mail/outbox/rate-limiter';
import type { OutboxSender } from '../../electron/mail/outbox/sender';
import { readSendingRate, saveSendingRate } from '../../electron/mail/settings/sending-rate';
import { type Sink, T0, tempStore } from './fixtures';

const MINUTE = 60_000;
const _HOUR = 60 * MINUTE;

let sender: OutboxSender | undefined;
let sink: Sink | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await sender?.stop();
  await sink?.close();
  cleanup?.();
});

// The sender keeping to the rate runs on both stores in sender-contract.test.ts.
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
