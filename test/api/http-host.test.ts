import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/api/http/csp';
import { sampleJourney, tempDataDir } from '../store/fixtures';
import { createHarness, type Harness } from './harness';

let h: Harness;
let site: ReturnType<typeof tempDataDir>;
let base: string;

beforeEach(async () => {
  site = tempDataDir();
  mkdirSync(join(site.dir, 'assets'));
  writeFileSync(join(site.dir, 'index.html'), '<!doctype html><title>DripAgent</title>');
  writeFileSync(join(site.dir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(site.dir, 'assets', 'index-abc.css'), 'body{}');
  h = await createHarness('http', site.dir);
  base = h.http?.url ?? '';
});
afterEach(async () => {
  await h.close();
  site.cleanup();
});

const post = (name: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${base}/api/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.core.adminToken().token}`, ...headers },
    body,
  });

/** node:http, because fetch may not set the Host header. */
function rawGet(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const req = request({ hostname: url.hostname, port: url.port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP host: API', () => {
  test('an invalid payload answers 400 with the structured error naming the fields', async () => {
    const response = await post('journey.get', JSON.stringify({ id: 3 }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', issues: [{ path: 'id' }] },
    });
  });

  test('an unknown handler answers 404 with the structured error', async () => {
    const response = await post('nope.never', '{}');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unknown_handler' } });
  });

  test('a body that is not JSON answers 400', async () => {
    const response = await post('journey.list', '{ nope');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_payload', message: /not JSON/ } });
  });

  test('an empty body counts as no arguments', async () => {
    const response = await post('journey.list', '');
    expect(response.status).toBe(200);
  });

  test('a call without a JSON content type is refused, which keeps cross-site form posts out', async () => {
    const response = await post('journey.delete', '{"id":"welcome"}', { 'content-type': 'text/plain' });
    expect(response.status).toBe(415);
    expect((await h.client.call('journey.list')).journeys).toHaveLength(1);
  });

  test('a call from another origin is forbidden', async () => {
    const response = await post('journey.delete', '{"id":"welcome"}', {
      'content-type': 'application/json',
      origin: 'https://evil.example',
    });
    expect(response.status).toBe(403);
    expect((await h.client.call('journey.list')).journeys).toHaveLength(1);
  });

  test('a request for another host name is refused (DNS rebinding)', async () => {
    expect((await rawGet('/', 'evil.example:4010')).status).toBe(403);
    expect((await rawGet('/', `localhost:${h.http?.port}`)).status).toBe(200);
  });

  test('GET on an API name is a JSON 404 rather than the app page, and other methods get 405', async () => {
    const get = await fetch(`${base}/api/journey.list`);
    expect(get.status).toBe(404);
    expect(await get.json()).toMatchObject({ error: { code: 'unknown_handler' } });
    const put = await fetch(`${base}/api/journey.list`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toContain('POST');
  });

  test('server-sent events deliver journeys.changed after a save', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/api/events`, {
      signal: controller.signal,
      headers: { authorization: `Bearer ${h.core.adminToken().token}` },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    expect(text).toContain(': connected');
    await h.client.call('journey.save', { journey: sampleJourney('pushed') });
    while (!/event: journeys\.changed\ndata: .*\n\n/.test(text)) {
      text += decoder.decode((await reader.read()).value);
    }
    const data = /event: journeys\.changed\ndata: (.*)\n\n/.exec(text)?.[1] ?? '';
    expect(JSON.parse(data)).toMatchObject({ id: 'pushed', scope: 'draft', summary: { id: 'pushed' } });
    controller.abort();
  });
});

describe('HTTP host: renderer files', () => {
  test('the index is served with the same CSP as the desktop app', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('<title>DripAgent</title>');
  });

  test('assets get their content type and a long cache', async () => {
    const js = await fetch(`${base}/assets/index-abc.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    const css = await fetch(`${base}/assets/index-abc.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  test('client-side routes fall back to index.html, but a missing asset is a 404', async () => {
    const route = await fetch(`${base}/journeys/welcome`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>DripAgent</title>');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
  });

  test('paths cannot climb out of the renderer folder', async () => {
    const response = await rawGet('/..%2f..%2fetc%2fpasswd', `127.0.0.1:${h.http?.port}`);
    expect(response.body).not.toContain('root:');
  });
});

describe('HTTP host: before the renderer is built', () => {
  test('the page says to run npm run build:renderer while the API keeps working', async () => {
    const bare = await createHarness('http', join(site.dir, 'not-built'));
    try {
      const response = await fetch(`${bare.http?.url}/`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build:renderer');
      expect((await bare.client.call('app.info')).name).toBe('DripAgent');
    } finally {
      await bare.close();
    }
  });
});
