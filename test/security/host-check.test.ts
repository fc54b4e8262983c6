import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { HttpHost } from '../../electron/api/http/host';
import { createHostPolicy } from '../../electron/api/http/host-policy';
import { startHeadlessHost } from '../../electron/app/headless';
import { startEventHost } from '../../electron/shell/event-host';
import { createTestCore } from '../api/harness';
import { basic, bearer, rawRequest } from './raw-http';

/**
 * DNS rebinding: a page on a name the attacker controls re-points it at 127.0.0.1 and calls us as
 * same-origin. Only names nobody can re-point (localhost, IP literals) and names the operator
 * gave are answered, on every route.
 */
let fixture: ReturnType<typeof createTestCore>;
let host: HttpHost;

beforeEach(() => {
  fixture = createTestCore();
});
afterEach(async () => {
  await host?.close();
  await fixture.cleanup();
});

/** One request per kind of route, all with valid credentials, so only the Host decides. */
function everyRoute(token: string, writeKey: string) {
  return [
    { method: 'POST', path: '/api/engine.status', headers: { ...bearer(token), 'content-type': 'application/json' } },
    { method: 'GET', path: '/api/events', headers: bearer(token) },
    { method: 'GET', path: '/' },
    {
      method: 'POST',
      path: '/v1/track',
      headers: { ...basic(writeKey), 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'u1', event: 'integration_started' }),
    },
    { method: 'GET', path: '/u/some-token' },
  ];
}

const statusFor = async (hostHeader: string) => {
  const results: number[] = [];
  const { token } = fixture.core.adminToken();
  for (const route of everyRoute(token, fixture.core.runtime.writeKey().key)) {
    const response = await rawRequest(host.url, { ...route, headers: { ...route.headers, host: hostHeader } });
    results.push(response.status);
  }
  return results;
};

describe('the Host check', () => {
  test('a name that only starts with 127. is refused with 403 on the API, events, UI, /v1 and /u', async () => {
    host = await startHeadlessHost({ core: fixture.core, rendererDir: '/nonexistent', port: 0 });
    expect(await statusFor(`127.evil.example:${host.port}`)).toEqual([403, 403, 403, 403, 403]);
    expect(await statusFor(`127.0.0.1.nip.io:${host.port}`)).toEqual([403, 403, 403, 403, 403]);
    expect(await statusFor(`evil.example:${host.port}`)).toEqual([403, 403, 403, 403, 403]);
    expect(fixture.core.store.events.count()).toBe(0);
  });

  test('localhost and IP literals are answered', async () => {
    host = await startHeadlessHost({ core: fixture.core, rendererDir: '/nonexistent', port: 0 });
    for (const name of [`localhost:${host.port}`, `127.0.0.1:${host.port}`, `[::1]:${host.port}`, '10.1.2.3']) {
      const [api, events, page, track, unsubscribe] = await statusFor(name);
      expect({ name, api, events, page, track, unsubscribe }).toEqual({
        name,
        api: 200,
        events: 200,
        page: 503, // the renderer is not built in this test
        track: 200,
        unsubscribe: 404, // not a valid link, but answered
      });
    }
  });

  test('names given with --allowed-hosts and the public URL host are answered, others still refused', async () => {
    host = await startHeadlessHost({
      core: fixture.core,
      rendererDir: '/nonexistent',
      port: 0,
      policy: createHostPolicy({ allowedHosts: ['drip.internal'], publicUrl: 'https://mail.acme.test/' }),
    });
    expect((await statusFor('drip.internal:8080'))[0]).toBe(200);
    expect((await statusFor('MAIL.ACME.TEST'))[0]).toBe(200);
    expect((await statusFor('evil.acme.test'))[0]).toBe(403);
  });

  test('a host listening on every interface checks names too', async () => {
    host = await startHeadlessHost({ core: fixture.core, rendererDir: '/nonexistent', port: 0, host: '0.0.0.0' });
    expect(await statusFor(`127.evil.example:${host.port}`)).toEqual([403, 403, 403, 403, 403]);
  });

  test('X-Forwarded-Host is ignored unless the proxy is trusted', async () => {
    host = await startHeadlessHost({
      core: fixture.core,
      rendererDir: '/nonexistent',
      port: 0,
      policy: createHostPolicy({ publicUrl: 'https://mail.acme.test' }),
    });
    const forwarded = await rawRequest(host.url, {
      path: '/u/x',
      headers: { host: `127.0.0.1:${host.port}`, 'x-forwarded-host': 'evil.example' },
    });
    expect(forwarded.status).toBe(404);
    await host.close();
    host = await startHeadlessHost({
      core: fixture.core,
      rendererDir: '/nonexistent',
      port: 0,
      policy: createHostPolicy({ publicUrl: 'https://mail.acme.test', trustProxy: true }),
    });
    const trusted = (forwardedHost: string) =>
      rawRequest(host.url, {
        path: '/u/x',
        headers: { host: `127.0.0.1:${host.port}`, 'x-forwarded-host': forwardedHost },
      });
    expect((await trusted('evil.example')).status).toBe(403);
    expect((await trusted('mail.acme.test')).status).toBe(404);
  });

  test('the one-click unsubscribe POST works through a proxy that passes the public Host', async () => {
    host = await startHeadlessHost({
      core: fixture.core,
      rendererDir: '/nonexistent',
      port: 0,
      policy: createHostPolicy({ publicUrl: 'https://mail.acme.test' }),
    });
    const link = new URL(fixture.core.mail.links.urlFor('ada'));
    const response = await rawRequest(host.url, {
      method: 'POST',
      path: link.pathname,
      headers: { host: 'mail.acme.test', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    expect(response.body).toContain('You are unsubscribed');
  });

  test("the desktop app's event host checks names the same way", async () => {
    host = await startEventHost(fixture.core, 0, createHostPolicy());
    const track = (name: string) =>
      rawRequest(host.url, {
        method: 'POST',
        path: '/v1/track',
        headers: { host: name, ...basic(fixture.core.runtime.writeKey().key), 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'u1', event: 'integration_started' }),
      });
    expect((await track(`127.evil.example:${host.port}`)).status).toBe(403);
    expect((await track(`127.0.0.1:${host.port}`)).status).toBe(200);
  });
});
