import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HttpHost } from '../../electron/api/http/host';
import { startHeadlessHost } from '../../electron/app/headless';
import { createTestCore } from '../api/harness';
import { loadSeed } from '../events';
import { basic, bearer } from './raw-http';

/**
 * Hostile input, seeded so a failure can be replayed: about 10,000 tracking payloads and 500
 * mutated journeys against one real host. Whatever arrives: no 5xx, no crash, nothing half
 * stored, and the host still answers.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const PAYLOADS = 10_000;
const JOURNEYS = 500;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

const NASTY_STRINGS = [
  '',
  ' ',
  'a\ud800',
  '\udc00b',
  '\u0000',
  '𝒜 emoji 🚀',
  '<script>alert(1)</script>',
  "'; DROP TABLE events; --",
  '{{ 7 | times: 7 }}',
  '{% include "package.json" %}',
  'x'.repeat(2000),
  '../../etc/passwd',
  '__proto__',
  'constructor',
];
const NASTY_NUMBERS = [
  0,
  -1,
  1.5,
  1e-300,
  -1e20,
  1e300,
  1767225600,
  1767225600000.5,
  Number.MAX_SAFE_INTEGER,
  2 ** 53 + 1,
];

function nastyValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 3 ? 5 : 8)) {
    case 0:
      return rng.pick(NASTY_STRINGS);
    case 1:
      return rng.pick(NASTY_NUMBERS);
    case 2:
      return rng.pick([null, true, false]);
    case 3:
      return `v${rng.int(1000)}`;
    case 4:
      return new Date(Date.UTC(2026, 0, 1) + rng.int(1e10)).toISOString();
    case 5:
      return Array.from({ length: rng.int(4) }, () => nastyValue(rng, depth + 1));
    case 6: {
      const object: Record<string, unknown> = {};
      for (let i = rng.int(4); i > 0; i--)
        object[rng.pick([...NASTY_STRINGS, 'k', 'integration_type'])] = nastyValue(rng, depth + 1);
      return object;
    }
    default: {
      // Deep nesting, sometimes past the limit.
      let value: unknown = 'leaf';
      for (let i = rng.int(60); i > 0; i--) value = { a: value };
      return value;
    }
  }
}

function goodEvent(rng: Rng, messageId: string): Record<string, unknown> {
  return rng.next() < 0.5
    ? {
        type: 'track',
        userId: `user-${rng.int(300)}`,
        event: rng.pick(['integration_started', 'api_key_created', 'setup_error_seen', 'sync_completed']),
        properties: { integration_type: rng.pick(['stripe', 'oauth', 'custom_api']), error_code: 'E401' },
        timestamp: new Date(Date.UTC(2026, 0, 1) + rng.int(1e9)).toISOString(),
        messageId,
      }
    : {
        type: 'identify',
        userId: `user-${rng.int(300)}`,
        traits: { email: `u${rng.int(300)}@example.com` },
        messageId,
      };
}

/** A valid event with one field replaced, removed or added by something hostile. */
function mutatedEvent(rng: Rng, messageId: string): unknown {
  const event = goodEvent(rng, messageId);
  switch (rng.int(6)) {
    case 0:
      event[rng.pick(['userId', 'event', 'timestamp', 'properties', 'traits', 'type', 'context'])] = nastyValue(rng);
      break;
    case 1:
      delete event[rng.pick(['userId', 'event', 'type', 'timestamp'])];
      break;
    case 2:
      event[rng.pick(NASTY_STRINGS)] = nastyValue(rng);
      break;
    case 3:
      return nastyValue(rng);
    default:
      break;
  }
  return event;
}

interface Sent {
  ids: string[];
  status: number;
}

let fixture: ReturnType<typeof createTestCore>;
let host: HttpHost;

beforeAll(async () => {
  fixture = createTestCore();
  host = await startHeadlessHost({ core: fixture.core, rendererDir: '/nonexistent', port: 0 });
});
afterAll(async () => {
  await host.close();
  await fixture.cleanup();
});

describe(`fuzz (seed ${SEED})`, () => {
  test(`${PAYLOADS.toLocaleString('en')} hostile tracking payloads: no 5xx, all or nothing per request, host still answers`, async () => {
    const rng = prng(SEED);
    const key = fixture.core.runtime.writeKey().key;
    const sent: Sent[] = [];
    const fiveXX: string[] = [];
    let index = 0;
    const one = async (i: number) => {
      const kind = rng.pick(['batch', 'batch', 'track', 'identify'] as const);
      const ids: string[] = [];
      const messageId = () => {
        const id = `fz-${i}-${ids.length}`;
        ids.push(id);
        return id;
      };
      let body: string;
      const form = rng.int(20);
      if (form === 0) body = rng.pick(['', 'null', '[', '{"batch":', '"x"', '{"batch":{}}', '\u0000']);
      else if (kind === 'batch') {
        const events = Array.from({ length: 1 + rng.int(8) }, () =>
          rng.next() < 0.3 ? mutatedEvent(rng, messageId()) : goodEvent(rng, messageId()),
        );
        body = JSON.stringify({ batch: events });
      } else {
        const event = rng.next() < 0.5 ? mutatedEvent(rng, messageId()) : goodEvent(rng, messageId());
        body = JSON.stringify(event);
      }
      const auth = rng.int(30) === 0 ? basic('wrong') : basic(key);
      const response = await fetch(`${host.url}/v1/${kind}`, {
        method: 'POST',
        headers: { 'content-type': rng.int(40) === 0 ? 'text/plain' : 'application/json', ...auth },
        body,
      });
      await response.arrayBuffer();
      if (response.status >= 500) fiveXX.push(`#${i} ${response.status}: ${body.slice(0, 200)}`);
      sent.push({ ids, status: response.status });
    };
    const workers = Array.from({ length: 16 }, async () => {
      while (index < PAYLOADS) await one(index++);
    });
    await Promise.all(workers);

    expect(fiveXX).toEqual([]);
    const db = new Database(fixture.core.store.file, { readonly: true });
    try {
      const stored = new Set(
        (
          db.prepare("SELECT message_id FROM events WHERE message_id LIKE 'fz-%'").all() as { message_id: string }[]
        ).map((r) => r.message_id),
      );
      const partial = sent.filter((s) => {
        const kept = s.ids.filter((id) => stored.has(id)).length;
        return s.status === 200 ? false : kept > 0;
      });
      expect(partial).toEqual([]);
      // Every accepted request's events are all there.
      const lost = sent.filter((s) => s.status === 200 && s.ids.some((id) => !stored.has(id)));
      expect(lost).toEqual([]);
      expect(sent.filter((s) => s.status === 200).length).toBeGreaterThan(PAYLOADS / 4);
    } finally {
      db.close();
    }
    const still = await fetch(`${host.url}/v1/track`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...basic(key) },
      body: JSON.stringify({ userId: 'after-fuzz', event: 'integration_started' }),
    });
    expect(still.status).toBe(200);
  });

  test(`${JOURNEYS} mutated journeys: no 5xx, a refused save changes nothing, and the host still answers`, async () => {
    const rng = prng(SEED + 1);
    const token = fixture.core.adminToken().token;
    const call = async (name: string, args: unknown) => {
      const response = await fetch(`${host.url}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(token) },
        body: JSON.stringify(args),
      });
      return { status: response.status, body: (await response.json()) as { ok: boolean; result?: unknown } };
    };
    const seed = loadSeed('integration-setup') as unknown as Record<string, unknown>;
    const fiveXX: string[] = [];
    for (let i = 0; i < JOURNEYS; i++) {
      const journey = structuredClone(seed) as Record<string, unknown> & {
        id: string;
        nodes: Record<string, unknown>[];
      };
      journey.id = `fuzz-${i % 20}`;
      for (let m = 1 + rng.int(3); m > 0; m--) {
        const node = journey.nodes[rng.int(journey.nodes.length)] as Record<string, unknown> & {
          config?: Record<string, unknown>;
        };
        switch (rng.int(7)) {
          case 0:
            node.type = rng.pick(['email', 'wait', 'nope', 42, null]);
            break;
          case 1:
            if (node.config) node.config[rng.pick(Object.keys(node.config).concat('x'))] = nastyValue(rng);
            break;
          case 2:
            journey.nodes.splice(rng.int(journey.nodes.length), 1);
            break;
          case 3: {
            const templates = journey.templates as Record<string, Record<string, unknown>>;
            const name = rng.pick(Object.keys(templates));
            (templates[name] as Record<string, unknown>)[rng.pick(['subject', 'html', 'text'])] = rng.pick([
              ...NASTY_STRINGS,
              '{% for i in (1..300000000) %}x{% endfor %}',
              '{{ user.name | nope }}',
              '{% if %}',
            ]);
            break;
          }
          case 4:
            (journey as Record<string, unknown>)[rng.pick(['edges', 'settings', 'variables', 'formatVersion'])] =
              nastyValue(rng);
            break;
          case 5:
            node.id = rng.pick(NASTY_STRINGS);
            break;
          default:
            node.position = nastyValue(rng);
        }
      }
      const before = fixture.core.store.journeys.get(journey.id)?.draft;
      const validated = await call('journey.validate', { journey });
      const saved = await call('journey.save', { journey });
      if (validated.status >= 500 || saved.status >= 500) fiveXX.push(`#${i}: ${validated.status}/${saved.status}`);
      if (!saved.body.ok) expect(fixture.core.store.journeys.get(journey.id)?.draft).toBe(before);
      const imported = await call('journey.import', { text: JSON.stringify(journey), replace: true });
      if (imported.status >= 500) fiveXX.push(`#${i} import: ${imported.status}`);
    }
    expect(fiveXX).toEqual([]);
    expect((await call('app.info', {})).status).toBe(200);
  });
});
