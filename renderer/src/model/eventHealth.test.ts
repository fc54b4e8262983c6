import { describe, expect, it } from 'vitest';
import type { CatalogEvent } from '../../../shared/api/catalog';
import type { Journey } from '../../../shared/journey/schema';
import { eventHealthHints } from './eventHealth';

const journey = {
  nodes: [{ id: 'start', type: 'trigger', position: { x: 0, y: 0 }, config: { event: 'integration_started' } }],
  variables: [
    { name: 'category', from: 'trigger.integration_type', map: { stripe: 'oauth', custom_api: 'api' }, default: 'api' },
  ],
} as unknown as Journey;

const started = (values: [string, number][]): CatalogEvent => ({
  name: 'integration_started',
  count: 10,
  lastSeen: 0,
  properties: [
    {
      key: 'integration_type',
      samples: values.map(([value]) => value),
      values: values.map(([value, count]) => ({ value, count })),
    },
  ],
});

describe('event health hints', () => {
  it('name the trigger values a variable map does not list, with how many events had them', () => {
    const hints = eventHealthHints(journey, [
      started([
        ['stripe', 5],
        ['oauth', 3],
      ]),
    ]);
    expect(hints).toEqual([
      {
        id: 'unmapped:category:oauth',
        variable: 'category',
        message:
          '3 recent “Integration started” events had integration type "oauth", which the category map does not list: those people get category "api".',
      },
    ]);
  });

  it('say when the trigger event was never seen, and nothing before any event is stored', () => {
    expect(eventHealthHints(journey, [{ name: 'page_viewed', count: 1, lastSeen: 0, properties: [] }])[0]?.id).toBe(
      'unseen:integration_started',
    );
    expect(eventHealthHints(journey, [])).toEqual([]);
  });
});
