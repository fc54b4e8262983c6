import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Analytics } from '@segment/analytics-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpHost } from '../../electron/api/http/host';
import { type AppCore, createAppCore } from '../../electron/app/core';
import { startHeadlessHost } from '../../electron/app/headless';

const root = join(import.meta.dirname, '../..');
let dir: string;
let core: AppCore;
let host: HttpHost;
let key: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dripagent-ingest-'));
  core = createAppCore({ dataDir: dir, resourcesDir: join(root, 'resources'), host: 'server', startScheduler: false });
  core.store.journeys.publish('integration-setup');
  core.runtime.engine.journeysChanged();
  host = await startHeadlessHost({ core, rendererDir: join(dir, 'none'), port: 0 });
  key = core.runtime.writeKey().key;
});

afterEach(async () => {
  await host.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

const auth = (k: string) => `Basic ${Buffer.from(`${k}:`).toString('base64')}`;
const post = (path: string, body: unknown, k = key) =>
  fetch(`${host.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: auth(k) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const now = () => new Date().toISOString();

describe('the Segment-compatible ingestion API', () => {
  it('works with the real @segment/analytics-node client, unchanged', async () => {
    const analytics = new Analytics({ writeKey: key, host: host.url, path: '/v1/batch', flushAt: 2, maxRetries: 0 });
    analytics.identify({ userId: 'ann', traits: { email: 'ann@example.com', createdAt: now() } });
    analytics.track({ userId: 'ann', event: 'integration_started', properties: { integration_type: 'stripe' } });
    await analytics.closeAndFlush();
    expect(core.store.events.count()).toBe(2);
    const email = core.store.outbox.list({ userId: 'ann', limit: 5 })[0];
    expect(email?.payload).toMatchObject({
      kind: 'email',
      to: 'ann@example.com',
      subject: 'Finish connecting your data source in 5 minutes',
    });
  });

  it('accepts single track and identify calls', async () => {
    expect((await post('/v1/identify', { userId: 'u', traits: { plan: 'pro' }, timestamp: now() })).status).toBe(200);
    const res = await post('/v1/track', { userId: 'u', event: 'api_key_created', timestamp: now(), messageId: 'k1' });
    expect(await res.json()).toEqual({ success: true, accepted: 1, duplicates: 0 });
    expect(core.store.profiles.get('u')?.traits).toEqual({ plan: 'pro' });
  });

  it('stores the same messageId once', async () => {
    const event = { userId: 'u', event: 'x', timestamp: now(), messageId: 'same' };
    await post('/v1/track', event);
    const again = await post('/v1/batch', { batch: [{ ...event, type: 'track' }] });
    expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(core.store.events.count()).toBe(1);
  });

  it('gives concurrent requests (committed together) each their own counts', async () => {
    const batch = (ids: string[]) => ({
      batch: ids.map((id) => ({
        type: 'track',
        userId: `u-${id}`,
        event: 'page_viewed',
        timestamp: now(),
        messageId: id,
      })),
    });
    const responses = await Promise.all([
      post('/v1/batch', batch(['a', 'b', 'c'])),
      post('/v1/batch', batch(['c', 'd'])),
      post('/v1/batch', batch(['e'])),
      post('/v1/batch', batch(['a', 'e'])),
    ]);
    const counts = await Promise.all(
      responses.map((r) => r.json() as Promise<{ accepted: number; duplicates: number }>),
    );
    expect(counts.reduce((n, c) => n + c.accepted, 0)).toBe(5);
    expect(counts.reduce((n, c) => n + c.duplicates, 0)).toBe(3);
    expect(counts.map((c) => c.accepted + c.duplicates)).toEqual([3, 2, 1, 2]);
    expect(core.store.events.count()).toBe(5);
  });

  it('refuses a wrong write key with 401', async () => {
    const res = await post('/v1/track', { userId: 'u', event: 'x' }, 'wrong');
    expect(res.status).toBe(401);
    expect(core.store.events.count()).toBe(0);
  });

  it("refuses a batch with bad items with every item's error, and writes nothing", async () => {
    const res = await post('/v1/batch', {
      batch: [
        { type: 'track', userId: 'ok', event: 'fine', timestamp: now() },
        { type: 'pageview', userId: 'u' },
        { type: 'track', event: 'no_user', timestamp: now() },
        { type: 'track', userId: 'u', event: 'x', timestamp: 'tuesday' },
        { type: 'track', userId: 'u', event: 'x', timestamp: '2099-01-01T00:00:00Z' },
      ],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { index: number; field: string; reason: string }[] };
    expect(body.errors).toMatchObject([
      { index: 1, field: 'type', reason: 'unknown type "pageview" (expected "track", "identify" or "alias")' },
      { index: 2, field: 'userId', reason: expect.stringMatching(/^is required: send the userId/) },
      { index: 3, field: 'timestamp', reason: '"tuesday" is not a date (use ISO-8601)' },
      { index: 4, field: 'timestamp', reason: 'is too far in the future' },
    ]);
    expect(core.store.events.count()).toBe(0);
  });

  it('accepts and ignores page, screen and group calls, in a batch or on their own', async () => {
    const res = await post('/v1/batch', {
      batch: [
        { type: 'page', userId: 'u', name: 'Pricing', timestamp: now() },
        { type: 'track', userId: 'u', event: 'fine', timestamp: now() },
        { type: 'group', userId: 'u', groupId: 'g', timestamp: now() },
        { type: 'screen', userId: 'u', name: 'Home', timestamp: now() },
      ],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true, accepted: 1, duplicates: 0, ignored: 3 });
    const page = await post('/v1/page', { userId: 'u', name: 'Home' });
    expect(await page.json()).toEqual({ success: true, accepted: 0, duplicates: 0, ignored: 1 });
    expect(core.store.events.count()).toBe(1);
  });

  it('keeps calls with only an anonymousId, and an identify with both ids makes them the user’s history', async () => {
    const visit = await post('/v1/batch', {
      batch: [
        { type: 'track', anonymousId: 'anon-7', event: 'pricing_viewed', timestamp: now(), messageId: 'a1' },
        { type: 'identify', anonymousId: 'anon-7', traits: { plan: 'pro' }, timestamp: now(), messageId: 'a2' },
      ],
    });
    expect(await visit.json()).toEqual({ success: true, accepted: 2, duplicates: 0 });
    expect(core.store.events.count()).toBe(0);
    const signup = await post('/v1/identify', {
      userId: 'ann',
      anonymousId: 'anon-7',
      traits: { email: 'ann@example.com' },
      timestamp: now(),
    });
    expect(signup.status).toBe(200);
    expect(core.store.events.historyOf('ann').map((e) => e.event)).toEqual(['pricing_viewed']);
    expect(core.store.profiles.get('ann')?.traits).toEqual({ plan: 'pro', email: 'ann@example.com' });
    expect(core.store.anonymous.count()).toBe(0);
  });

  it('an alias names the user of an anonymousId’s kept calls', async () => {
    await post('/v1/track', { anonymousId: 'anon-8', event: 'docs_read', timestamp: now() });
    const alias = await post('/v1/alias', { userId: 'bo', previousId: 'anon-8', timestamp: now() });
    expect(await alias.json()).toEqual({ success: true, accepted: 1, duplicates: 0 });
    expect(core.store.events.historyOf('bo').map((e) => e.event)).toEqual(['docs_read']);
  });

  it('names what is wrong in plain words: a missing userId, properties that are not an object', async () => {
    const res = await post('/v1/track', { event: 'x', properties: 'plan=pro' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { field: string; reason: string }[] };
    expect(body.errors).toEqual([
      expect.objectContaining({ field: 'properties', reason: 'properties must be an object, not a string' }),
    ]);
    const noUser = await post('/v1/identify', { traits: {} });
    expect(((await noUser.json()) as { errors: { field: string; reason: string }[] }).errors).toEqual([
      expect.objectContaining({
        field: 'userId',
        reason:
          'is required: send the userId you know the person by. A call with only an anonymousId is kept, and joins the person when an identify with both ids, or an alias, names them.',
      }),
    ]);
  });

  it('an empty or blank userId and a missing event are named in words, not in the validator’s', async () => {
    const reasons = async (body: unknown) =>
      ((await (await post('/v1/track', body)).json()) as { errors: { field: string; reason: string }[] }).errors.map(
        (e) => [e.field, e.reason],
      );
    for (const userId of ['', '   ']) {
      expect(await reasons({ userId, event: 'x' })).toEqual([
        ['userId', 'userId is empty: send the id you know the person by'],
      ]);
    }
    expect(await reasons({ userId: 'u1' })).toEqual([
      ['event', 'event is required: the name of what the person did, e.g. integration_started'],
    ]);
  });

  it('refuses a NUL character in an id or an event name, and an id over 1,024 bytes, naming the field', async () => {
    const reasons = async (body: unknown) =>
      ((await (await post('/v1/track', body)).json()) as { errors: { field: string; reason: string }[] }).errors.map(
        (e) => [e.field, e.reason],
      );
    expect(await reasons({ userId: 'a\u0000b', event: 'x' })).toEqual([
      ['userId', 'userId must not contain a NUL character (U+0000)'],
    ]);
    expect(await reasons({ userId: 'u1', event: 'sign\u0000up' })).toEqual([
      ['event', 'event must not contain a NUL character (U+0000)'],
    ]);
    expect(await reasons({ userId: 'u1', event: 'x', messageId: 'm\u0000' })).toEqual([
      ['messageId', 'messageId must not contain a NUL character (U+0000)'],
    ]);
    // Ids are measured in bytes: 257 four-byte characters are 1,028 bytes, over the limit.
    expect(await reasons({ userId: '😀'.repeat(257), event: 'x' })).toEqual([
      ['userId', 'is longer than 1024 bytes (UTF-8)'],
    ]);
    // A NUL inside a property value is data, stored as JSON text on every store.
    const kept = await post('/v1/track', { userId: 'u1', event: 'x', properties: { note: 'a\u0000b' } });
    expect(kept.status).toBe(200);
  });

  it('answers GET on the tracking API with 405 and JSON, not the app’s page', async () => {
    const res = await fetch(`${host.url}/v1/track`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ success: false, error: 'method_not_allowed' });
  });

  it('takes the key from the body when the Authorization header is not Basic (a proxy may add one)', async () => {
    const res = await fetch(`${host.url}/v1/track`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer proxy-token' },
      body: JSON.stringify({ writeKey: key, userId: 'u', event: 'x' }),
    });
    expect(res.status).toBe(200);
    expect(core.store.events.count()).toBe(1);
  });

  it('answers a wrong key with 401 before reading the body, whatever the body is', async () => {
    expect((await post('/v1/track', '{"userId": ', 'wrong')).status).toBe(401);
    const big = {
      batch: Array.from({ length: 6000 }, (_, i) => ({ type: 'track', userId: `u${i}`, event: 'x'.repeat(200) })),
    };
    expect((await post('/v1/batch', big, 'wrong')).status).toBe(401);
    expect(core.store.events.count()).toBe(0);
  });

  it('refuses malformed JSON with 400 and an oversized body with 413', async () => {
    expect((await post('/v1/track', '{"userId": ')).status).toBe(400);
    const big = {
      batch: Array.from({ length: 6000 }, (_, i) => ({ type: 'track', userId: `u${i}`, event: 'x'.repeat(200) })),
    };
    expect((await post('/v1/batch', big)).status).toBe(413);
    expect(core.store.events.count()).toBe(0);
  });
});
