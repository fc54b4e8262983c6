import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { HttpHost } from '../../electron/api/http/host';
import { startHeadlessHost } from '../../electron/app/headless';
import { createUnsubscribeLinks, unsubscribeSecret } from '../../electron/mail/unsubscribe/unsubscribe-links';
import { type CoreFixture, emailItem, mailCore, tempStore, waitUntil } from './fixtures';

describe('unsubscribe links', () => {
  const links = createUnsubscribeLinks({ secret: 's3cret', baseUrl: 'https://mail.acme.test/' });

  test('a link is the base URL, /u/ and a token that verifies back to the user id', () => {
    const url = links.urlFor('user@example.com');
    expect(url).toMatch(/^https:\/\/mail\.acme\.test\/u\/[\w-]+\.[\w-]+$/);
    expect(links.verify(url.split('/').at(-1) ?? '')).toBe('user@example.com');
  });

  test('a token with an edited user id, a wrong signature or another secret does not verify', () => {
    const token = links.tokenFor('user-1');
    const [, mac] = token.split('.');
    expect(links.verify(`${Buffer.from('user-2').toString('base64url')}.${mac}`)).toBeUndefined();
    expect(links.verify(`${token.slice(0, -2)}AA`)).toBeUndefined();
    expect(links.verify('garbage')).toBeUndefined();
    expect(links.verify('')).toBeUndefined();
    expect(createUnsubscribeLinks({ secret: 'other', baseUrl: '' }).verify(token)).toBeUndefined();
  });

  test('the secret is generated on first use and kept in the data folder', () => {
    const data = tempStore();
    const first = unsubscribeSecret(data.store.meta);
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(unsubscribeSecret(data.store.meta)).toBe(first);
    data.cleanup();
  });

  test('the base URL can be a function, read when each link is made', () => {
    let base = 'http://127.0.0.1:1';
    const late = createUnsubscribeLinks({ secret: 's', baseUrl: () => base });
    base = 'http://127.0.0.1:2';
    expect(late.urlFor('u')).toMatch(/^http:\/\/127\.0\.0\.1:2\/u\//);
  });
});

describe('unsubscribe over HTTP', () => {
  let fixture: CoreFixture;
  let host: HttpHost;
  let calls: [string, string][];

  beforeEach(async () => {
    fixture = mailCore();
    host = await startHeadlessHost({ core: fixture.core, rendererDir: '/nonexistent', port: 0 });
    calls = [];
    fixture.core.mail.onUnsubscribe((userId, reason) => calls.push([userId, reason]));
    await fixture.core.mail.ready;
  });

  afterEach(async () => {
    await host.close();
    await fixture.close();
  });

  const post = (url: string, body: string) =>
    fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  test('links point at the running host', () => {
    expect(fixture.core.mail.links.urlFor('ada').startsWith(`${host.url}/u/`)).toBe(true);
  });

  test('GET shows a confirmation page with a button and unsubscribes nobody', async () => {
    const response = await fetch(fixture.core.mail.links.urlFor('ada'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).toMatch(/<form method="post" action="\/u\/[\w.-]+">/);
    expect(html).toContain('<button');
    expect(calls).toEqual([]);
    expect(fixture.core.store.unsubscribes.has('ada')).toBe(false);
  });

  test('the RFC 8058 one-click POST unsubscribes, records the reason and time, and calls onUnsubscribe', async () => {
    const response = await post(fixture.core.mail.links.urlFor('ada'), 'List-Unsubscribe=One-Click');
    expect(response.status).toBe(200);
    expect(calls).toEqual([['ada', 'one-click']]);
    expect(fixture.core.store.unsubscribes.get('ada')).toMatchObject({ userId: 'ada', reason: 'one-click' });
    const { items, total } = await fixture.api.call('mail.unsubscribes.list');
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ userId: 'ada', reason: 'one-click' });
  });

  test("the page's button unsubscribes with reason link; a second POST changes nothing", async () => {
    const url = fixture.core.mail.links.urlFor('bob');
    expect((await post(url, 'confirm=1')).status).toBe(200);
    expect((await post(url, 'List-Unsubscribe=One-Click')).status).toBe(200);
    expect(calls).toEqual([['bob', 'link']]);
    expect(fixture.core.store.unsubscribes.get('bob')?.reason).toBe('link');
  });

  test('a bad token gets 404 on GET and POST and unsubscribes nobody', async () => {
    const token = fixture.core.mail.links.tokenFor('ada');
    const forged = `${Buffer.from('eve').toString('base64url')}.${token.split('.')[1]}`;
    for (const path of [`/u/${forged}`, '/u/not-a-token']) {
      expect((await fetch(`${host.url}${path}`)).status).toBe(404);
      expect((await post(`${host.url}${path}`, 'List-Unsubscribe=One-Click')).status).toBe(404);
    }
    expect(calls).toEqual([]);
    expect(fixture.core.store.unsubscribes.count()).toBe(0);
  });

  test('the List-Unsubscribe URL of a delivered email unsubscribes its recipient, and their next email is held back', async () => {
    const { store, mail } = fixture.core;
    store.outbox.add(emailItem({ userId: 'carol' }), Date.now());
    mail.sender.poke();
    await waitUntil(() => store.inbox.count() === 1);
    const [summary] = (await fixture.api.call('inbox.list')).messages;
    const view = await fixture.api.call('inbox.get', { id: summary?.id ?? 0 });
    const url = /<(https?:[^>]+)>/.exec(view.listUnsubscribe ?? '')?.[1] ?? '';
    expect(url.startsWith(host.url)).toBe(true);

    expect((await post(url, 'List-Unsubscribe=One-Click')).status).toBe(200);
    expect(calls).toEqual([['carol', 'one-click']]);

    const next = emailItem({ userId: 'carol' });
    store.outbox.add(next, Date.now());
    mail.sender.poke();
    await waitUntil(() => store.outbox.byKey(next.key)?.status === 'failed');
    expect(store.inbox.count()).toBe(1);
  });
});
