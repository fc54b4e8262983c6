import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { messageIdFor } from '../../electron/mail/outbox/message-id';
import { ApiCallError } from '../../shared/api/errors';
import { type CoreFixture, deliverOutbox, emailItem, mailCore } from './fixtures';

let fixture: CoreFixture;

beforeEach(async () => {
  fixture = mailCore();
  await fixture.core.mail.ready;
});

afterEach(() => fixture.close());

const deliver = (...items: ReturnType<typeof emailItem>[]) => deliverOutbox(fixture.core, ...items);

describe('dev inbox', () => {
  test('until SMTP is configured, outbox mail lands in the dev inbox as the recipient sees it', async () => {
    const item = emailItem({ to: 'ada@example.com', subject: 'Welcome, Ada', userId: 'ada' });
    await deliver(item);
    const { messages, total } = await fixture.api.call('inbox.list');
    expect(total).toBe(1);
    expect(messages[0]).toMatchObject({ from: 'hello@acme.test', to: 'ada@example.com', subject: 'Welcome, Ada' });

    const view = await fixture.api.call('inbox.get', { id: messages[0]?.id ?? 0 });
    expect(view).toMatchObject({
      subject: 'Welcome, Ada',
      from: '"Acme" <hello@acme.test>',
      to: 'ada@example.com',
      messageId: messageIdFor(item.key, 'hello@acme.test'),
      listUnsubscribePost: 'List-Unsubscribe=One-Click',
    });
    expect(view.html).toContain('<p>Hello');
    expect(view.text).toMatch(/Hello \d+/);
    expect(view.date).not.toBeNull();
    expect(view.listUnsubscribe).toContain(`<${fixture.core.mail.links.urlFor('ada')}>`);
    expect(view.headers.map((h) => h.name)).toEqual(expect.arrayContaining(['Message-ID', 'List-Unsubscribe']));
  });

  test('a non-ASCII subject is stored decoded for the list', async () => {
    await deliver(emailItem({ subject: 'Grüße aus Köln 🎉' }));
    const { messages } = await fixture.api.call('inbox.list');
    expect(messages[0]?.subject).toBe('Grüße aus Köln 🎉');
  });

  test('inbox.list pages newest first and inbox.clear empties the inbox', async () => {
    await deliver(emailItem({ subject: 'one' }));
    await deliver(emailItem({ subject: 'two' }));
    await deliver(emailItem({ subject: 'three' }));
    const page = await fixture.api.call('inbox.list', { limit: 2, offset: 0 });
    expect(page.messages.map((m) => m.subject)).toEqual(['three', 'two']);
    expect(page.total).toBe(3);
    const rest = await fixture.api.call('inbox.list', { limit: 2, offset: 2 });
    expect(rest.messages.map((m) => m.subject)).toEqual(['one']);
    expect(await fixture.api.call('inbox.clear')).toEqual({ deleted: 3 });
    expect((await fixture.api.call('inbox.list')).total).toBe(0);
  });

  test('inbox.get of a message that does not exist is not_found', async () => {
    const error = await fixture.api.call('inbox.get', { id: 999 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).error.code).toBe('not_found');
  });

  test('outbox.list and outbox.counts show status, attempts, Message-ID and the last error', async () => {
    const { store } = fixture.core;
    const sent = emailItem({ to: 'sent@example.com', subject: 'Sent one' });
    await deliver(sent);
    const failed = emailItem({ userId: 'quit' });
    store.unsubscribes.add('quit', 'link', Date.now());
    await deliver(failed);

    expect(await fixture.api.call('outbox.counts')).toEqual({ pending: 0, sent: 1, failed: 1 });
    const { items } = await fixture.api.call('outbox.list');
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ key: failed.key, status: 'failed', lastError: 'Not sent: the user unsubscribed' });
    expect(items[1]).toMatchObject({
      key: sent.key,
      kind: 'email',
      status: 'sent',
      attempts: 1,
      lastError: null,
      to: 'sent@example.com',
      subject: 'Sent one',
      messageId: messageIdFor(sent.key, 'hello@acme.test'),
      url: null,
    });
    expect(items[1]?.sentAt).not.toBeNull();
    const onlyFailed = await fixture.api.call('outbox.list', { status: 'failed' });
    expect(onlyFailed.items.map((i) => i.key)).toEqual([failed.key]);
  });

  test('core.close() stops the sender and the dev inbox', async () => {
    const port = fixture.core.mail.devInbox.port;
    expect(port).toBeGreaterThan(0);
    await fixture.core.close();
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port ?? 0, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });
});
