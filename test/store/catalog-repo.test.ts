import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../electron/store';
import { tempDataDir } from './fixtures';

let cleanup: () => void = () => {};
let store: Store | undefined;

afterEach(() => {
  store?.close();
  cleanup();
});

function openWith(events: [string, 'track' | 'identify', string, number, object][], profiles: [string, object][] = []) {
  const data = tempDataDir();
  cleanup = data.cleanup;
  store = openStore(data.dir);
  store.transaction(() => {
    events.forEach(([userId, type, name, ts, body], index) => {
      store?.events.insert(
        type === 'track'
          ? {
              type,
              userId,
              event: name,
              timestamp: ts,
              properties: body as Record<string, unknown>,
              messageId: `m${index}`,
            }
          : { type, userId, timestamp: ts, traits: body as Record<string, unknown>, messageId: `m${index}` },
        ts,
      );
    });
    for (const [userId, traits] of profiles) store?.profiles.save(userId, traits as Record<string, unknown>, 1);
  });
  return store;
}

describe('event catalog', () => {
  it('counts how often each value of a property occurs, most frequent first', () => {
    const opened = openWith([
      ['u1', 'track', 'integration_started', 10, { integration_type: 'stripe' }],
      ['u2', 'track', 'integration_started', 20, { integration_type: 'oauth' }],
      ['u3', 'track', 'integration_started', 30, { integration_type: 'oauth' }],
    ]);
    expect(opened.catalog.eventCatalog().events[0]?.properties[0]?.values).toEqual([
      { value: 'oauth', count: 2 },
      { value: 'stripe', count: 1 },
    ]);
  });

  it('lists event names by frequency with their property keys and a few sample values', () => {
    const opened = openWith([
      ['u1', 'track', 'integration_started', 10, { integration_type: 'stripe' }],
      ['u2', 'track', 'integration_started', 20, { integration_type: 'custom_api', source: 'checklist' }],
      ['u2', 'track', 'setup_error_seen', 30, { error_code: 401 }],
      ['u2', 'identify', '', 5, { role: 'founder' }],
    ]);
    const { events } = opened.catalog.eventCatalog();
    expect(events.map((event) => [event.name, event.count])).toEqual([
      ['integration_started', 2],
      ['setup_error_seen', 1],
    ]);
    expect(events[0]?.lastSeen).toBe(20);
    expect(events[0]?.properties).toEqual([
      {
        key: 'integration_type',
        samples: ['custom_api', 'stripe'],
        values: [
          { value: 'custom_api', count: 1 },
          { value: 'stripe', count: 1 },
        ],
      },
      { key: 'source', samples: ['checklist'], values: [{ value: 'checklist', count: 1 }] },
    ]);
    expect(events[1]?.properties).toEqual([
      { key: 'error_code', samples: ['401'], values: [{ value: '401', count: 1 }] },
    ]);
  });

  it('lists traits and a few recent users from stored profiles', () => {
    const opened = openWith([], [['u1', { role: 'founder', workspace_name: 'Acme' }]]);
    const catalog = opened.catalog.eventCatalog();
    expect(catalog.traits).toEqual([
      { key: 'role', samples: ['founder'], values: [{ value: 'founder', count: 1 }] },
      { key: 'workspace_name', samples: ['Acme'], values: [{ value: 'Acme', count: 1 }] },
    ]);
    expect(catalog.users).toEqual([{ userId: 'u1', traits: { role: 'founder', workspace_name: 'Acme' } }]);
  });
});
