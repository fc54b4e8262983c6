import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpHost } from '../../electron/api/http/host';
import { type AppCore, createAppCore } from '../../electron/app/core';
import { startHeadlessHost } from '../../electron/app/headless';
import { ManualClock } from '../../electron/engine/clock';
import type { OutboxPayload } from '../../electron/store';
import { Journey } from '../../shared/journey/schema';
import { parse, type Sink, startSink, startsIntegration, T0 } from './fixtures';

const root = join(import.meta.dirname, '../..');
let core: AppCore;
let sink: Sink;
let host: HttpHost;
let dir: string;
let clock: ManualClock;

/** A port free now: the public URL names the host's address before it listens. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function start(env: Record<string, string>, port = 0) {
  core = createAppCore({
    dataDir: dir,
    resourcesDir: join(root, 'resources'),
    host: 'server',
    clock,
    startScheduler: false,
    env: { DRIPAGENT_SMTP_URL: `smtp://127.0.0.1:${sink.port}`, ...env },
  });
  host = await startHeadlessHost({ core, rendererDir: '/nonexistent', port });
  await core.mail.ready;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dripagent-clicks-'));
  sink = await startSink();
  clock = new ManualClock(T0);
  const port = await freePort();
  await start({ DRIPAGENT_PUBLIC_URL: `http://127.0.0.1:${port}` }, port);
});
afterEach(async () => {
  await host.close();
  await core.close();
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
});

const HTML = `<p>Create your key <a href="https://app.acme.io/settings/keys?tab=api&amp;from=email">in settings</a>,
then <a href='mailto:help@acme.io'>write to us</a>.</p><p><a href="{UNSUB}">Unsubscribe</a></p>`;

/** Sends one email through the real sender and returns it as the recipient got it. */
async function deliver(tracking?: { clicks: boolean; opens: boolean }) {
  const unsubscribe = core.mail.links.urlFor('ann');
  const payload: OutboxPayload = {
    kind: 'email',
    to: 'ann@example.com',
    from: 'Acme <hi@acme.io>',
    subject: 'Your API key',
    html: HTML.replace('{UNSUB}', unsubscribe),
    text: 'Create your key: https://app.acme.io/settings/keys\n\nUnsubscribe: {UNSUB}'.replace('{UNSUB}', unsubscribe),
    ...(tracking ? { tracking } : {}),
  };
  const key = `run-ann/credential_help/${sink.messages.length + 1}`;
  core.store.outbox.add(
    {
      key,
      runId: 'run-ann',
      userId: 'ann',
      journeyId: 'integration-setup',
      nodeId: 'credential_help',
      at: T0,
      payload,
    },
    clock.now(),
  );
  core.mail.sender.poke();
  const messages = await sink.waitFor(sink.messages.length + 1);
  const mail = await parse((messages[messages.length - 1] as { raw: string }).raw);
  return { html: String(mail.html), text: String(mail.text), unsubscribe, row: core.store.outbox.byKey(key) };
}

const trackedLinks = (html: string) => [...html.matchAll(/href="([^"]*\/c\/[^"]*)"/g)].map((m) => m[1] as string);
const noFollow = { redirect: 'manual' } as const;
const eventsNamed = (name: string) =>
  core.store.events.timelineOf('ann', 50).filter((e) => e.type === 'track' && e.event === name);

describe('click tracking', () => {
  it('points web links at /c/TOKEN, keeps mailto: and the unsubscribe link, and rewrites the text part too', async () => {
    const { html, text, unsubscribe } = await deliver();
    const links = trackedLinks(html);
    expect(links).toHaveLength(1);
    expect(links[0]?.startsWith(`${host.url}/c/`)).toBe(true);
    expect(html).toContain("href='mailto:help@acme.io'");
    expect(html).toContain(`href="${unsubscribe}"`);
    expect(text).toMatch(new RegExp(`Create your key: ${host.url}/c/\\S+`));
    expect(text).toContain(`Unsubscribe: ${unsubscribe}`);
  });

  it('a host with no public address sends links as written: a recipient could not reach 127.0.0.1', async () => {
    await host.close();
    await core.close();
    await start({});
    const { html, text } = await deliver();
    expect(trackedLinks(html)).toEqual([]);
    expect(html).toContain('href="https://app.acme.io/settings/keys?tab=api&amp;from=email"');
    expect(text).toContain('Create your key: https://app.acme.io/settings/keys');
  });

  it('a click records email_clicked with the message, journey, node and link, then redirects with 302 to that URL only', async () => {
    const { html, row } = await deliver();
    clock.advance(60_000);
    const response = await fetch(trackedLinks(html)[0] as string, noFollow);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://app.acme.io/settings/keys?tab=api&from=email');
    const clicks = eventsNamed('email_clicked');
    expect(clicks).toHaveLength(1);
    expect(clicks[0]).toMatchObject({
      userId: 'ann',
      properties: {
        message_id: expect.stringMatching(/^<[0-9a-f]{32}@acme\.io>$/),
        outbox_id: row?.id,
        journey_id: 'integration-setup',
        node_id: 'credential_help',
        link: 'https://app.acme.io/settings/keys?tab=api&from=email',
      },
    });
    expect(core.store.clicks.countsFor('integration-setup')).toEqual([
      {
        nodeId: 'credential_help',
        kind: 'click',
        link: 'https://app.acme.io/settings/keys?tab=api&from=email',
        clicks: 1,
        people: 1,
        prefetches: 0,
      },
    ]);
  });

  it('a link written in another alphabet redirects percent-encoded, never a 500', async () => {
    const link = core.mail.tracking.clickUrl(1, 'https://acme.jp/ドキュメント/設定?q=é');
    const response = await fetch(link, noFollow);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(
      'https://acme.jp/%E3%83%89%E3%82%AD%E3%83%A5%E3%83%A1%E3%83%B3%E3%83%88/%E8%A8%AD%E5%AE%9A?q=%C3%A9',
    );
  });

  it('a tampered token is refused with 400 and redirects nowhere', async () => {
    const link = trackedLinks((await deliver()).html)[0] as string;
    const [id, url, mac] = link.split('/c/')[1]?.split('.') ?? [];
    const evil = Buffer.from('https://evil.example/phish', 'utf8').toString('base64url');
    for (const token of [
      `${id}.${evil}.${mac}`,
      `${id}.${url}.${mac?.slice(0, -2)}AA`,
      `zz.${url}.${mac}`,
      'nonsense',
    ]) {
      const response = await fetch(`${host.url}/c/${token}`, noFollow);
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    }
    expect(eventsNamed('email_clicked')).toHaveLength(0);
  });

  it('link scanners are counted apart: HEAD requests, and clicks within a second of delivery', async () => {
    const link = trackedLinks((await deliver()).html)[0] as string;
    clock.advance(400);
    expect((await fetch(link, noFollow)).status).toBe(302); // a gateway scanning on arrival
    clock.advance(60_000);
    expect((await fetch(link, { ...noFollow, method: 'HEAD' })).status).toBe(302);
    expect(eventsNamed('email_clicked')).toHaveLength(0);
    expect(core.store.clicks.countsFor('integration-setup')[0]).toMatchObject({ clicks: 0, people: 0, prefetches: 2 });
  });

  it('a journey that turns click tracking off sends its links as written', async () => {
    const { html } = await deliver({ clicks: false, opens: false });
    expect(trackedLinks(html)).toEqual([]);
    expect(html).toContain('href="https://app.acme.io/settings/keys?tab=api&amp;from=email"');
    expect(html).not.toContain('/o/');
  });

  it('opens, when a journey turns them on, come from a pixel; Apple-style proxy fetches are counted apart', async () => {
    const { html } = await deliver({ clicks: true, opens: true });
    const pixel = /<img src="([^"]*\/o\/[^"]*)"/.exec(html)?.[1] as string;
    expect(pixel).toBeDefined();
    clock.advance(60_000);
    const proxied = await fetch(pixel, { headers: { 'user-agent': 'Mozilla/5.0' } });
    expect(proxied.headers.get('content-type')).toBe('image/gif');
    await fetch(pixel, { headers: { 'user-agent': 'Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 Mail/3731' } });
    expect(eventsNamed('email_opened')).toHaveLength(1);
    expect(core.store.clicks.countsFor('integration-setup')).toEqual([
      expect.objectContaining({ kind: 'open', clicks: 1, prefetches: 1 }),
    ]);
    expect((await fetch(`${pixel.slice(0, -3)}xyz`)).status).toBe(400);
  });

  it("the journey's tracking settings travel with each email it sends; the defaults add nothing", async () => {
    const row = core.store.journeys.get('integration-setup');
    const journey = Journey.parse(JSON.parse(row?.draft ?? '{}'));
    const tracked = { ...journey, settings: { ...journey.settings, tracking: { clicks: false, opens: true } } };
    core.store.journeys.saveDraft({ id: journey.id, name: journey.name, json: JSON.stringify(tracked) });
    core.store.journeys.publish(journey.id);
    core.runtime.engine.journeysChanged();
    core.runtime.engine.ingest(startsIntegration('bea', 'bea@example.com'));
    const [email] = core.store.outbox.list({ userId: 'bea', limit: 5 });
    expect(email?.payload).toMatchObject({ kind: 'email', tracking: { clicks: false, opens: true } });
    const sent = await sink.waitFor(1);
    const html = String((await parse((sent[0] as { raw: string }).raw)).html);
    expect(html).toMatch(/<img src="[^"]*\/o\/[^"]*"/);
  });
});
