import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { HttpHost } from '../../electron/api/http/host';
import { startHeadlessHost } from '../../electron/app/headless';
import { createTestCore } from '../api/harness';
import { basic, rawRequest } from './raw-http';

let fixture: ReturnType<typeof createTestCore>;
let host: HttpHost;
const sockets: Socket[] = [];

beforeEach(() => {
  fixture = createTestCore();
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await host.close();
  await fixture.cleanup();
});

/** Opens a connection and sends only part of a request, as a slowloris client does. */
function halfSent(url: string): Promise<{ socket: Socket; closed: Promise<string> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`POST /v1/track HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n`);
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk.toString();
      });
      const closed = new Promise<string>((done) => socket.on('close', () => done(answer)));
      resolve({ socket, closed });
    });
    socket.on('error', reject);
    sockets.push(socket);
  });
}

const track = () =>
  rawRequest(host.url, {
    method: 'POST',
    path: '/v1/track',
    headers: {
      host: `127.0.0.1:${host.port}`,
      'content-type': 'application/json',
      ...basic(fixture.core.runtime.writeKey().key),
    },
    body: JSON.stringify({ userId: 'u1', event: 'integration_started' }),
  });

describe('connections that never finish their request', () => {
  test('300 half-sent requests are cut after the header timeout, and others are served meanwhile', async () => {
    host = await startHeadlessHost({
      core: fixture.core,
      rendererDir: '/nonexistent',
      port: 0,
      limits: { headersTimeoutMs: 800, requestTimeoutMs: 1500, checkIntervalMs: 100 },
    });
    const slow = await Promise.all(Array.from({ length: 300 }, () => halfSent(host.url)));
    expect((await track()).status).toBe(200);
    const answers = await Promise.all(slow.map((s) => s.closed));
    // Node answers 408 Request Timeout, then closes.
    expect(answers.every((a) => a === '' || a.startsWith('HTTP/1.1 408'))).toBe(true);
    expect((await track()).status).toBe(200);
  });

  test('connections past the limit are closed at once', async () => {
    host = await startHeadlessHost({
      core: fixture.core,
      rendererDir: '/nonexistent',
      port: 0,
      limits: { maxConnections: 20, headersTimeoutMs: 60_000, requestTimeoutMs: 60_000 },
    });
    const held = await Promise.all(Array.from({ length: 20 }, () => halfSent(host.url)));
    const extra = await halfSent(host.url);
    expect(await extra.closed).toBe('');
    for (const { socket } of held) socket.destroy();
    await Promise.all(held.map((h) => h.closed));
    expect((await track()).status).toBe(200);
  });
});
