import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { resolveAdminToken } from '../../electron/api/http/admin-auth';
import type { HttpHost } from '../../electron/api/http/host';
import { createHostPolicy } from '../../electron/api/http/host-policy';
import { startHeadlessHost } from '../../electron/app/headless';
import { createTestCore } from '../api/harness';
import { tempStore } from '../mail/fixtures';
import { bearer, rawRequest } from './raw-http';

let fixture: ReturnType<typeof createTestCore>;
let host: HttpHost;
let token: string;

beforeEach(async () => {
  fixture = createTestCore();
  token = fixture.core.adminToken().token;
  host = await startHeadlessHost({ core: fixture.core, rendererDir: '/nonexistent', port: 0 });
});
afterEach(async () => {
  await host.close();
  await fixture.cleanup();
});

const call = (name: string, headers: Record<string, string> = {}, body = '{}') =>
  rawRequest(host.url, {
    method: 'POST',
    path: `/api/${name}`,
    headers: { 'content-type': 'application/json', host: `127.0.0.1:${host.port}`, ...headers },
    body,
  });

describe('the admin API needs the admin token', () => {
  test('without a token, /api/* answers 401 with a JSON error and does nothing', async () => {
    const response = await call('journey.delete', {}, JSON.stringify({ id: 'welcome' }));
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(fixture.core.store.journeys.list().map((j) => j.id)).toEqual(['welcome']);
  });

  test('profiles, the write key and the event stream are not readable without it', async () => {
    expect((await call('engine.status')).status).toBe(401);
    expect((await call('user.trace', {}, JSON.stringify({ userId: 'u1' }))).status).toBe(401);
    const events = await rawRequest(host.url, { path: '/api/events', headers: { host: `127.0.0.1:${host.port}` } });
    expect(events.status).toBe(401);
    expect(events.body).not.toContain('connected');
  });

  test('a wrong token is refused; the right Bearer token is served', async () => {
    expect((await call('engine.status', bearer(`${token}x`))).status).toBe(401);
    expect((await call('engine.status', bearer('short'))).status).toBe(401);
    const ok = await call('engine.status', bearer(token));
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).result.writeKey).toBe(fixture.core.runtime.writeKey().key);
  });

  test('opening the access link sets an HttpOnly SameSite=Strict cookie and takes the token out of the address', async () => {
    const response = await rawRequest(host.url, {
      path: `/?token=${encodeURIComponent(token)}&view=people`,
      headers: { host: `127.0.0.1:${host.port}` },
    });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/?view=people');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const pair = cookie.split(';')[0] ?? '';
    expect((await call('engine.status', { cookie: pair })).status).toBe(200);
  });

  test('a wrong token in the link sets no cookie (the page then asks for the link)', async () => {
    const response = await rawRequest(host.url, { path: '/?token=nope', headers: { host: `127.0.0.1:${host.port}` } });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/');
    expect(response.headers['set-cookie']).toBeUndefined();
    expect((await call('engine.status', { cookie: `dripagent_token_${host.port}=nope` })).status).toBe(401);
  });

  test('behind a trusted TLS proxy the cookie is Secure', async () => {
    await host.close();
    host = await startHeadlessHost({
      core: fixture.core,
      rendererDir: '/nonexistent',
      port: 0,
      policy: createHostPolicy({ publicUrl: 'https://drip.acme.test', trustProxy: true }),
    });
    const response = await rawRequest(host.url, {
      path: `/?token=${token}`,
      headers: { host: 'drip.acme.test', 'x-forwarded-proto': 'https' },
    });
    expect(String(response.headers['set-cookie'])).toMatch(/; Secure/);
  });

  test('an API call from the public origin through a trusted proxy passes the origin check', async () => {
    await host.close();
    host = await startHeadlessHost({
      core: fixture.core,
      rendererDir: '/nonexistent',
      port: 0,
      policy: createHostPolicy({ publicUrl: 'https://drip.acme.test', trustProxy: true }),
    });
    const response = await call('engine.status', {
      ...bearer(token),
      host: 'drip.acme.test',
      'x-forwarded-proto': 'https',
      origin: 'https://drip.acme.test',
    });
    expect(response.status).toBe(200);
  });
});

describe('where the admin token comes from', () => {
  test('it is generated once and kept', () => {
    const data = tempStore();
    const first = resolveAdminToken(data.store.meta, {});
    expect(first.token).toMatch(/^da_[\w-]{32}$/);
    expect(resolveAdminToken(data.store.meta, {})).toEqual(first);
    data.cleanup();
  });

  test('DRIPAGENT_ADMIN_TOKEN wins', () => {
    const data = tempStore();
    expect(resolveAdminToken(data.store.meta, { DRIPAGENT_ADMIN_TOKEN: ' team-token ' })).toEqual({
      token: 'team-token',
      fromEnv: true,
    });
    data.cleanup();
  });
});
