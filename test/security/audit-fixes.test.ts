import { Agent, type IncomingMessage, request } from 'node:http';
import { describe, expect, test } from 'vitest';
import { createJourneyValidator } from '../../electron/journeys/validator';
import { parseDnsServers } from '../../electron/mail/domain/dns-lookup';
import { lastDomainCheck } from '../../electron/mail/domain/domain-settings';
import { readSendingRate } from '../../electron/mail/settings/sending-rate';
import { sampleJourney } from '../store/fixtures';
import { hostPerTest } from './host-fixture';
import { bearer, rawRequest } from './raw-http';

/** What a security audit of the newer routes found, each reproduced here. */
const h = hostPerTest();

const api = (name: string, body: string) =>
  rawRequest(h.host.url, {
    method: 'POST',
    path: `/api/${name}`,
    headers: {
      host: `127.0.0.1:${h.host.port}`,
      'content-type': 'application/json',
      ...bearer(h.fixture.core.adminToken().token),
    },
    body,
  });
const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const draftWithProfile = (profile: string) =>
  `{"journey":{"formatVersion":1,"id":"deep","name":"D","nodes":[],"edges":[],"scenarios":[{"id":"s","name":"s","timeline":"","profile":{"x":${profile}}}]}}`;

describe('deeply nested API input', () => {
  test('a draft nested past the limit is refused with 400 naming where, and nothing is stored', async () => {
    const response = await api('journey.save', draftWithProfile(deep(997)));
    expect(response.status).toBe(400);
    expect(response.body).toMatch(/nested more than 64 levels deep/);
    const list = await api('journey.list', '{}');
    expect(list.status).toBe(200);
    expect(list.body).not.toContain('"deep"');
  });

  test('a 5,000-deep validate next to a normal one: both answered, the host keeps serving', async () => {
    const [bad, good] = await Promise.all([
      api('journey.validate', `{"journey":${deep(5000)}}`),
      api('journey.validate', '{"journey":{}}'),
    ]);
    expect(bad.status).toBe(400);
    expect(good.status).toBeLessThan(500);
    expect((await api('journey.list', '{}')).status).toBe(200);
  });
});

describe('the static pages', () => {
  test('paths that cannot be files are 404s, never 500s', async () => {
    for (const path of ['/%00', '/index.html/', `/${'a'.repeat(5000)}`]) {
      const response = await rawRequest(h.host.url, { path, headers: { host: `127.0.0.1:${h.host.port}` } });
      // 503 where the renderer is not built (as in this test's host): the page saying so.
      expect([404, 503], path).toContain(response.status);
    }
  });
});

describe('DNS servers for the domain check', () => {
  test('an address c-ares cannot take is refused before it reaches the resolver (port 0 aborted the process)', async () => {
    for (const text of ['1.1.1.1:0', '1.1.1.1:70000', '999.1.1.1', 'face', '[::1]:0']) {
      expect(() => parseDnsServers(text), text).toThrow(/is not a DNS server address/);
    }
    expect(parseDnsServers('127.0.0.1:5353, 1.1.1.1 ::1 [::1]:53')).toEqual([
      '127.0.0.1:5353',
      '1.1.1.1',
      '::1',
      '[::1]:53',
    ]);
    const response = await api('mail.domain.check', '{"domain":"example.com","dns":"1.1.1.1:0"}');
    expect(response.status).toBe(409);
    expect(JSON.parse(response.body).error.message).toMatch(/dns: "1.1.1.1:0" is not a DNS server address/);
  });
});

describe('template names', () => {
  test('an email naming a built-in object key as its template is an error, not an email saying "undefined"', async () => {
    const journey = sampleJourney();
    const email = journey.nodes.find((n) => n.type === 'email');
    if (email?.type !== 'email') throw new Error('the sample has an email');
    email.config.template = 'constructor';
    const validator = createJourneyValidator();
    const problems = (await validator.validate(journey)).problems;
    await validator.close?.();
    expect(problems.some((p) => p.severity === 'error' && /constructor/.test(p.message))).toBe(true);
  });
});

describe('report and search input', () => {
  test('a search query too long for SQLite, a breakdown with a NUL and a century of event health are 400s', async () => {
    const day = 86_400_000;
    const cases: [string, unknown, RegExp][] = [
      ['users.search', { query: 'a'.repeat(60_000) }, /query/],
      ['metrics.funnel', { from: 0, to: day, by: 'plan\u0000' }, /control character/],
      ['metrics.events', { from: Date.UTC(2000, 0, 1), to: Date.UTC(2100, 0, 1) }, /at most 366 days/],
    ];
    for (const [name, args, words] of cases) {
      const response = await api(name, JSON.stringify(args));
      expect(response.status, name).toBe(400);
      expect(JSON.parse(response.body).error.message, name).toMatch(words);
    }
  });
});

describe('node ids', () => {
  test('an id naming a built-in object key is refused, naming the field', async () => {
    const journey = sampleJourney();
    const node = journey.nodes[1];
    if (!node) throw new Error('the sample has nodes');
    const old = node.id;
    node.id = '__proto__';
    for (const edge of journey.edges) {
      if (edge.from === old) edge.from = '__proto__';
      if (edge.to === old) edge.to = '__proto__';
    }
    const response = await api('journey.validate', JSON.stringify({ journey }));
    expect(response.status).toBe(200);
    expect(response.body).toMatch(/this id is reserved/);
  });
});

describe('a body over the limit', () => {
  test('is refused with 413 and the connection closed, so its unread rest is never taken for a request', async () => {
    // A client that keeps connections alive (rawRequest's does not, so the host would close anyway).
    const agent = new Agent({ keepAlive: true });
    try {
      const response = await new Promise<IncomingMessage>((resolve, reject) => {
        const req = request(
          `${h.host.url}/api/journey.list`,
          {
            method: 'POST',
            agent,
            headers: {
              host: `127.0.0.1:${h.host.port}`,
              'content-type': 'application/json',
              ...bearer(h.fixture.core.adminToken().token),
            },
          },
          resolve,
        );
        req.on('error', reject);
        req.end(`{"x":"${'a'.repeat(11 * 1024 * 1024)}"}`);
      });
      response.resume();
      expect(response.statusCode).toBe(413);
      expect(response.headers.connection).toBe('close');
    } finally {
      agent.destroy();
    }
  });
});

describe('settings stored as JSON', () => {
  test('an unreadable saved rate or domain check reads as none, instead of breaking sending and Settings', async () => {
    const meta = h.fixture.core.store.meta;
    meta.set('mail.sending_rate', '{not json');
    meta.set('mail.domain_check', '{not json');
    expect(readSendingRate(meta)).toEqual({ perMinute: null, perHour: null });
    expect(lastDomainCheck(meta)).toBeNull();
    expect((await api('mail.domain.get', '{}')).status).toBe(200);
  });
});
