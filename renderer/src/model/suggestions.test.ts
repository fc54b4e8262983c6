import { describe, expect, it } from 'vitest';
import type { CatalogEvent } from '../../../shared/api/catalog';
import { eventSuggestions, propertySuggestions, traitSuggestions, valueChoices, valueMeaning } from './suggestions';

const seen = (name: string, properties: Record<string, string[]> = {}): CatalogEvent => ({
  name,
  count: 1,
  lastSeen: 0,
  properties: Object.entries(properties).map(([key, samples]) => ({ key, samples, values: [] })),
});

describe('picker suggestions', () => {
  it('offer stored event names first, then the guide’s, each once', () => {
    const names = eventSuggestions([seen('page_viewed'), seen('api_key_created')], undefined);
    expect(names.slice(0, 2)).toEqual(['page_viewed', 'api_key_created']);
    expect(names.filter((name) => name === 'api_key_created')).toHaveLength(1);
    expect(names).toContain('integration_started');
  });

  it('merge the samples of a property seen on several events, five at most', () => {
    const catalog = [
      seen('a', { plan: ['free', 'team', 'pro'] }),
      seen('b', { plan: ['team', 'enterprise', 'x', 'y'] }),
    ];
    const plan = propertySuggestions(catalog).find((property) => property.key === 'plan');
    expect(plan?.samples).toEqual(['free', 'team', 'pro', 'enterprise', 'x']);
  });

  it('offer only one event’s properties when it is named, plus the guide’s', () => {
    const keys = propertySuggestions([seen('a', { only_a: ['1'] }), seen('b', { only_b: ['2'] })], 'a').map(
      (property) => property.key,
    );
    expect(keys[0]).toBe('only_a');
    expect(keys).not.toContain('only_b');
    expect(keys).toContain('integration_type');
  });

  it('offer stored traits with their samples, then the guide’s', () => {
    const traits = traitSuggestions([{ key: 'company', samples: ['Acme'], values: [] }]);
    expect(traits[0]).toEqual({ key: 'company', samples: ['Acme'] });
    expect(traits.map((trait) => trait.key)).toContain('first_name');
  });

  it('offer the values seen for a trigger property, most frequent first, with the category each maps to', () => {
    const journey = {
      variables: [
        { name: 'category', from: 'trigger.integration_type', map: { stripe: 'oauth', dns: 'domain' }, default: 'api' },
      ],
    };
    const catalog: CatalogEvent[] = [
      {
        name: 'integration_started',
        count: 4,
        lastSeen: 0,
        properties: [
          {
            key: 'integration_type',
            samples: [],
            values: [
              { value: 'stripe', count: 3 },
              { value: 'zoho', count: 1 },
            ],
          },
        ],
      },
    ];
    expect(
      valueChoices(catalog, 'integration_started', 'integration_type', 'trigger.integration_type', journey),
    ).toEqual([
      { value: 'stripe', label: '3 events · category oauth' },
      { value: 'zoho', label: '1 event · not in the category map: api' },
      { value: 'dns', label: 'not seen yet · category domain' },
    ]);
    expect(valueMeaning(journey, 'trigger.integration_type', 'dns')).toBe('category domain');
    expect(valueMeaning(journey, 'user.role', 'founder')).toBe('');
  });
});
