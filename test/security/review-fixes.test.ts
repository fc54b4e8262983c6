import { describe, expect, test } from 'vitest';
import { createHostPolicy } from '../../electron/api/http/host-policy';
import { startHeadlessHost } from '../../electron/app/headless';
import { createJourneyValidator } from '../../electron/journeys/validator';
import { lintTemplate } from '../../shared/journey/template';
import { engineFixture, identify } from '../engine/harness';
import { track } from '../events';
import { sampleJourney } from '../store/fixtures';
import { hostPerTest } from './host-fixture';
import { basic, bearer, rawRequest } from './raw-http';

/** What a review of the lock-down found, each reproduced here. */
const h = hostPerTest();

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  rawRequest(h.host.url, {
    method: 'POST',
    path,
    headers: {
      host: `127.0.0.1:${h.host.port}`,
      'content-type': 'application/json',
      ...basic(h.fixture.core.runtime.writeKey().key),
      ...headers,
    },
    body,
  });

describe('ingestion answers stay small', () => {
  test('a batch of more items than allowed is refused at once, naming the limit', async () => {
    const response = await post('/v1/batch', JSON.stringify({ batch: Array.from({ length: 3000 }, () => ({})) }));
    expect(response.status).toBe(400);
    expect(response.body).toMatch(/at most 2500 per batch/);
  });

  test('a batch of invalid items lists the first 100 problems and counts them all', async () => {
    const response = await post('/v1/batch', JSON.stringify({ batch: Array.from({ length: 2000 }, () => ({})) }));
    const body = JSON.parse(response.body);
    expect(response.status).toBe(400);
    expect(body.invalid).toBe(2000);
    expect(body.errors).toHaveLength(100);
    expect(response.body.length).toBeLessThan(20_000);
  });

  test('a numeric user id too large to be exact is refused (two ids would become one)', async () => {
    const response = await post('/v1/track', '{"userId":9007199254740993,"event":"x"}');
    expect(response.status).toBe(400);
    expect(response.body).toMatch(/userId/);
  });
});

describe('the admin token', () => {
  const call = (headers: Record<string, string>) =>
    rawRequest(h.host.url, {
      method: 'POST',
      path: '/api/app.info',
      headers: { host: `127.0.0.1:${h.host.port}`, 'content-type': 'application/json', ...headers },
      body: '{}',
    });

  test('a malformed cookie is a 401, and a cookie planted for another port does not get in the way', async () => {
    expect((await call({ cookie: `dripagent_token_${h.host.port}=%` })).status).toBe(401);
    const token = h.fixture.core.adminToken().token;
    const cookie = `dripagent_token_0=%; dripagent_token_${h.host.port}=${encodeURIComponent(token)}`;
    expect((await call({ cookie })).status).toBe(200);
  });

  test('a handler name that is not valid percent-encoding is a 404, not a 500', async () => {
    const response = await rawRequest(h.host.url, {
      method: 'POST',
      path: '/api/%E0',
      headers: {
        host: `127.0.0.1:${h.host.port}`,
        'content-type': 'application/json',
        ...bearer(h.fixture.core.adminToken().token),
      },
      body: '{}',
    });
    expect(response.status).toBe(404);
  });

  test('the access link never redirects to another site', async () => {
    for (const path of ['/%2e//evil.example?token=x', '//evil.example/?token=x']) {
      const response = await rawRequest(h.host.url, { path, headers: { host: `127.0.0.1:${h.host.port}` } });
      expect(response.status).toBe(302);
      expect(String(response.headers.location)).toMatch(/^\/[^/]/);
    }
  });
});

describe('behind a trusted proxy', () => {
  test('both Host and X-Forwarded-Host must be names the host answers to, and the proxy’s value counts', async () => {
    const host = await startHeadlessHost({
      core: h.fixture.core,
      rendererDir: '/nonexistent',
      port: 0,
      policy: createHostPolicy({ publicUrl: 'https://drip.acme.test', trustProxy: true }),
    });
    try {
      const status = async (headers: Record<string, string>) =>
        (await rawRequest(host.url, { path: '/u/x', headers })).status;
      expect(await status({ host: 'evil.example', 'x-forwarded-host': 'localhost' })).toBe(403);
      expect(await status({ host: '127.0.0.1', 'x-forwarded-host': 'localhost, evil.example' })).toBe(403);
      expect(await status({ host: '127.0.0.1', 'x-forwarded-host': 'evil.example, drip.acme.test' })).toBe(404);
    } finally {
      await host.close();
    }
  });
});

describe('one user cannot slow everyone down', () => {
  test('traits that would grow a profile past 64 KB are not merged, and the trace says so', () => {
    const fixture = engineFixture([]);
    try {
      for (let i = 0; i < 10; i++) {
        fixture.engine.ingest([identify('victim', { [`blob${i}`]: 'x'.repeat(20_000) })]);
      }
      const profile = fixture.store.profiles.get('victim');
      expect(JSON.stringify(profile?.traits).length).toBeLessThanOrEqual(64 * 1024);
      const words = fixture.store.journal.forUser('victim', 50).flatMap((e) => e.decisions.map((d) => d.message));
      expect(words).toContainEqual(expect.stringMatching(/larger than 64 KB/));
    } finally {
      fixture.close();
    }
  });

  test("values named like built-in object keys find nothing in a journey's tables, and are no bounce", () => {
    const fixture = engineFixture();
    try {
      for (const name of ['constructor', '__proto__', 'toString']) {
        const user = `u-${name}`;
        const result = fixture.engine.ingest([
          identify(user, { email: `${user}@example.com`.replace('__', 'x') }),
          track(user, 'integration_started', 60_000, { integration_type: name }),
          track(user, name, 120_000, { email: `${user}@example.com` }),
        ]);
        expect(result.accepted, name).toBe(3);
        const [run] = fixture.store.runs.forUser(user).filter((r) => r.journeyId === 'integration-setup');
        // Not a key of the category map: the variable's default, and the default wait with it.
        expect(run?.vars.category, name).toBe('api');
      }
    } finally {
      fixture.close();
    }
  });

  test('a template whose loops run away with no data is refused when the journey is checked, by the memory budget (not a clock)', () => {
    const issues = lintTemplate('{% for i in (1..2000) %}{% for j in (1..2000) %}.{% endfor %}{% endfor %}');
    expect(issues).toContainEqual({
      severity: 'error',
      message: expect.stringMatching(/went over its limits/),
    });
  });

  test('a 30,000-step journey is checked well within the validation time limit', async () => {
    const journey = sampleJourney('chain', 'Chain');
    const [start] = journey.nodes;
    journey.nodes = start ? [start] : [];
    journey.edges = [];
    let previous = 'start';
    for (let i = 0; i < 30_000; i++) {
      journey.nodes.push({ id: `m${i}`, type: 'email', position: { x: 0, y: i }, config: { template: 'hello' } });
      journey.edges.push({ id: `c${i}`, from: previous, output: 'next', to: `m${i}` });
      previous = `m${i}`;
    }
    const validator = createJourneyValidator();
    try {
      const result = await validator.validate(journey);
      expect(result.journey?.nodes).toHaveLength(30_001);
    } finally {
      await validator.close();
    }
  });
});
