import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { hostPerTest } from './host-fixture';
import { basic } from './raw-http';

const h = hostPerTest();

const post = (path: string, body: string) =>
  fetch(`${h.host.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...basic(h.fixture.core.runtime.writeKey().key) },
    body,
  });

const trackBody = (userId: string, timestamp: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ userId, event: 'integration_started', timestamp, ...extra });

describe('one bad request never fails its neighbours', () => {
  test('400 concurrent tracks, 100 with hostile timestamps: the good ones are all stored, no 5xx', async () => {
    const hostile = [1767225600000.5, -1e20, 1e-300, 1e300, 1767225600];
    const requests = Array.from({ length: 400 }, (_, i) =>
      i % 4 === 0
        ? { good: false, body: trackBody(`bad-${i}`, hostile[(i / 4) % hostile.length]) }
        : { good: true, body: trackBody(`good-${i}`, '2026-01-01T00:00:00Z') },
    );
    const statuses = await Promise.all(requests.map((r) => post('/v1/track', r.body).then((res) => res.status)));
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    requests.forEach((r, i) => {
      if (r.good) expect(statuses[i]).toBe(200);
    });
    expect(h.fixture.core.store.events.count()).toBeGreaterThanOrEqual(300);
  });

  test('a fractional millisecond is stored as a whole one; out-of-range times are refused, naming the field', async () => {
    expect((await post('/v1/track', trackBody('frac', 1767225600000.5))).status).toBe(200);
    for (const stamp of [-1e20, 1e-300, 1e300]) {
      const response = await post('/v1/track', trackBody('far', stamp));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        errors: [{ field: 'timestamp', reason: expect.stringMatching(/not between 2000 and 2100/) }],
      });
    }
    const seconds = await post('/v1/track', trackBody('secs', 1767225600));
    expect((await seconds.json()).errors[0].reason).toMatch(/looks like seconds/);
  });

  test('null or a non-object body is a 400, on every route', async () => {
    for (const path of ['/v1/batch', '/v1/track', '/v1/identify']) {
      for (const body of ['null', '[]', '"text"', '12']) {
        const response = await post(path, body);
        expect({ path, body, status: response.status }).toEqual({ path, body, status: 400 });
      }
    }
    expect((await post('/v1/batch', '{"batch":null}')).status).toBe(400);
    expect((await post('/v1/batch', '{"batch":[null]}')).status).toBe(400);
  });

  test('properties nested 5,000 deep are refused with the field named, and the host still answers', async () => {
    const nested = `${'{"a":'.repeat(5000)}"leaf"${'}'.repeat(5000)}`;
    const response = await post(
      '/v1/batch',
      `{"batch":[{"type":"track","userId":"deep","event":"x","properties":{"p":${nested}}}]}`,
    );
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0]).toMatchObject({ index: 0, reason: expect.stringMatching(/nested/) });
    expect((await post('/v1/track', trackBody('after', '2026-01-01T00:00:00Z'))).status).toBe(200);
  });

  test('user ids with lone surrogates are refused, so two of them can never become one user', async () => {
    for (const userId of ['a\ud800', 'a\udbff', 'b\udc00']) {
      const response = await post('/v1/track', trackBody(userId, '2026-01-01T00:00:00Z'));
      expect(response.status).toBe(400);
      expect((await response.json()).errors[0]).toMatchObject({ field: 'userId', reason: /unpaired/ });
    }
    const key = await post('/v1/track', JSON.stringify({ userId: 'k', event: 'x', properties: { 'bad\ud800': 1 } }));
    expect(key.status).toBe(400);
    expect(h.fixture.core.store.events.count()).toBe(0);
  });

  test('when one request fails in the shared commit, only that request fails and nothing of it is stored', async () => {
    // A failure only the database sees, at insert time: a trigger that aborts one event's row.
    const side = new Database(h.fixture.core.store.file);
    side.exec(
      "CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.name = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned row'); END",
    );
    side.close();
    const bodies = Array.from({ length: 50 }, (_, i) =>
      JSON.stringify({
        batch: [
          { type: 'identify', userId: `u${i}`, traits: { email: `u${i}@example.com` } },
          { type: 'track', userId: `u${i}`, event: i === 17 ? 'poison' : 'integration_started' },
        ],
      }),
    );
    const responses = await Promise.all(bodies.map((body) => post('/v1/batch', body)));
    const statuses = responses.map((r) => r.status);
    expect(statuses[17]).toBe(400);
    expect(statuses.filter((s, i) => i !== 17 && s !== 200)).toEqual([]);
    expect(await responses[17]?.json()).toMatchObject({ success: false, error: 'not_stored' });
    expect(h.fixture.core.store.events.count()).toBe(49 * 2);
    expect(h.fixture.core.store.events.historyOf('u17')).toEqual([]);
  });
});
