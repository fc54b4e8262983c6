import { describe, expect, it } from 'vitest';
import { displayName, labelVariable } from './labels';

describe('display names for values in copy', () => {
  it('reads a one-word value as a name and a longer one as a phrase, keeping acronyms', () => {
    expect(displayName('stripe')).toBe('Stripe');
    expect(displayName('custom_api')).toBe('custom API');
    expect(displayName('dns')).toBe('DNS');
    expect(displayName('oauth')).toBe('OAuth');
  });

  it('makes a label variable from a trigger property, its map prefilled with the values given', () => {
    const { variable, isNew } = labelVariable({ variables: [] }, 'trigger.integration_type', ['stripe', 'custom_api']);
    expect(isNew).toBe(true);
    expect(variable).toEqual({
      name: 'integration_name',
      from: 'trigger.integration_type',
      map: { stripe: 'Stripe', custom_api: 'custom API' },
      default: 'integration',
    });
  });

  it('reuses the label variable a journey already has', () => {
    const existing = { name: 'integration_name', from: 'trigger.integration_type', map: {}, default: 'it' };
    expect(labelVariable({ variables: [existing] }, 'trigger.integration_type', ['stripe'])).toEqual({
      variable: existing,
      isNew: false,
    });
  });
});
