import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { OutboxSender } from '../../electron/mail/outbox/sender';
import type { MailTransport } from '../../electron/mail/outbox/transport';
import type { Store } from '../../electron/store';
import { emailItem, T0, TestClock, tempStore, testSender, waitUntil } from './fixtures';

let data: ReturnType<typeof tempStore>;
let sender: OutboxSender | undefined;

beforeEach(() => {
  data = tempStore();
});

afterEach(async () => {
  await sender?.stop();
  sender = undefined;
  data.cleanup();
});

/**
 * A transport that hands each message off and holds the server's reply until `answerAll`, which
 * answers every held message at once: their attempts end in the same turn of the event loop.
 */
function heldTransport() {
  const held: { to: string; answer: (error: Error | null) => void }[] = [];
  const transport: MailTransport = {
    send: (message, onHandoff, callback) => {
      if (typeof onHandoff === 'function') onHandoff();
      held.push({ to: String(message.to), answer: callback });
    },
  };
  return {
    transport,
    held,
    answerAll(refuse: (to: string) => Error | null) {
      for (const message of held.splice(0)) message.answer(refuse(message.to));
    },
  };
}

/** Counts the store's transactions (the sender's commits). */
function countingTransactions(store: Store): { store: Store; count: () => number } {
  let n = 0;
  return {
    store: {
      ...store,
      transaction: <T>(work: () => T) => {
        n++;
        return store.transaction(work);
      },
    },
    count: () => n,
  };
}

const hardBounce = () =>
  Object.assign(new Error('550 5.1.1 No such user'), {
    responseCode: 550,
    response: '550 5.1.1 No such user',
    command: 'RCPT TO',
  });

describe('the sender records attempts that end together', () => {
  test('in one transaction, each with its own outcome and handoff cleared', async () => {
    const items = Array.from({ length: 6 }, (_, i) => emailItem({ to: `user-${i}@example.com` }));
    for (const item of items) data.store.outbox.add(item, T0);
    const { transport, held, answerAll } = heldTransport();
    const counted = countingTransactions(data.store);
    sender = testSender(counted.store, new TestClock(), transport, { emailConcurrency: 10 });
    sender.start();
    await waitUntil(() => held.length === 6);
    expect(data.store.handoffs.all()).toHaveLength(6);
    const before = counted.count();
    answerAll((to) => (to === 'user-2@example.com' ? hardBounce() : null));
    await sender.idle();
    expect(counted.count() - before).toBe(1);
    const statuses = items.map((item) => data.store.outbox.byKey(item.key)?.status);
    expect(statuses).toEqual(['sent', 'sent', 'failed', 'sent', 'sent', 'sent']);
    expect(data.store.handoffs.all()).toEqual([]);
    expect(sender.stats()).toMatchObject({ sent: 5, failed: 1, retried: 0, inFlight: 0 });
  });

  test('an outcome that cannot be written fails alone: the others are recorded and counted once', async () => {
    const items = Array.from({ length: 4 }, (_, i) => emailItem({ to: `user-${i}@example.com` }));
    for (const item of items) data.store.outbox.add(item, T0);
    const { transport, held, answerAll } = heldTransport();
    let suppressCalls = 0;
    // Writing the bounce fails the first time (the shared transaction rolls back), then works.
    const suppressions = {
      suppress: (input: { address: string }) => {
        suppressCalls++;
        if (suppressCalls === 1) throw new Error('disk I/O error');
        return data.store.suppressions.add({
          address: input.address,
          userId: null,
          reason: 'bounced',
          source: 'smtp',
          detail: '550 5.1.1 No such user',
          at: T0,
        });
      },
      softBounce: () => false,
    };
    sender = testSender(data.store, new TestClock(), transport, { emailConcurrency: 10, suppressions });
    sender.start();
    await waitUntil(() => held.length === 4);
    answerAll((to) => (to === 'user-1@example.com' ? hardBounce() : null));
    const s = sender;
    await waitUntil(() => s.stats().inFlight === 0 && held.length === 0, 10_000, 'the answers recorded');
    expect(items.map((item) => data.store.outbox.byKey(item.key)?.status)).toEqual(['sent', 'failed', 'sent', 'sent']);
    expect(suppressCalls).toBe(2);
    expect(data.store.suppressions.get('user-1@example.com')?.reason).toBe('bounced');
    // Counted after the commit that kept them, not in the transaction that rolled back.
    expect(sender.stats()).toMatchObject({ sent: 3, failed: 1 });
  });

  test('a listener that throws on an outcome frees the slot all the same', async () => {
    const item = emailItem();
    data.store.outbox.add(item, T0);
    const { transport, held, answerAll } = heldTransport();
    const onResult = () => {
      throw new Error('listener broke');
    };
    sender = testSender(data.store, new TestClock(), transport, { onResult });
    sender.start();
    await waitUntil(() => held.length === 1);
    answerAll(() => null);
    const s = sender;
    await waitUntil(() => s.stats().inFlight === 0, 10_000, 'the slot freed');
    expect(data.store.outbox.byKey(item.key)?.status).toBe('sent');
    expect(sender.stats()).toMatchObject({ sent: 1, inFlight: 0 });
  });
});
