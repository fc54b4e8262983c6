import type { DurationSpec } from '../../../shared/journey/schema';

/**
 * The timings the product guide gives for setup reminders, by how much work a step takes:
 * OAuth or one-click 30 min, 6 h, 2 d; API-based 2 h, 24 h, 3 d; domain or DNS 12 h, 36 h, 4 d.
 */
export const DURATION_PRESETS = [
  { label: 'OAuth', values: ['30m', '6h', '2d'] },
  { label: 'API', values: ['2h', '24h', '3d'] },
  { label: 'Domain', values: ['12h', '36h', '4d'] },
] as const;

const byCategory = (oauth: string, api: string, domain: string): DurationSpec => ({
  by: 'vars.category',
  values: { oauth, api, domain },
  default: api,
});

/** The same timings as the first, second and third reminder of a step, per category. */
export const CATEGORY_PRESETS = [
  {
    id: 'first',
    label: '1st reminder',
    description: 'OAuth 30 min · API 2 h · domain 12 h',
    spec: byCategory('30m', '2h', '12h'),
  },
  {
    id: 'second',
    label: '2nd reminder',
    description: 'OAuth 6 h · API 24 h · domain 36 h',
    spec: byCategory('6h', '24h', '36h'),
  },
  {
    id: 'third',
    label: '3rd reminder',
    description: 'OAuth 2 d · API 3 d · domain 4 d',
    spec: byCategory('2d', '3d', '4d'),
  },
] as const;

/**
 * The integration category, from the integration type: which of the timings above applies. The
 * category names stand for themselves too: a product that sends `integration_type=oauth` gets the
 * OAuth timings, not the default's.
 */
export const CATEGORY_VARIABLE = {
  name: 'category',
  from: 'trigger.integration_type',
  map: {
    stripe: 'oauth',
    hubspot: 'oauth',
    salesforce: 'oauth',
    slack: 'oauth',
    google_analytics: 'oauth',
    shopify: 'oauth',
    zapier: 'oauth',
    custom_api: 'api',
    rest_api: 'api',
    webhook: 'api',
    segment: 'api',
    sending_domain: 'domain',
    custom_domain: 'domain',
    dns: 'domain',
    oauth: 'oauth',
    api: 'api',
    domain: 'domain',
  },
  default: 'api',
};
