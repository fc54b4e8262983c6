import { z } from 'zod';
import { defineHandlers } from './define';

/** A property (or trait) seen in stored events, with a few of its values. */
export const CatalogProperty = z.object({
  key: z.string(),
  /** Up to five distinct values, as text. */
  samples: z.array(z.string()),
  /** The most frequent values in the recent events (up to 20), with how many events had each. */
  values: z.array(z.object({ value: z.string(), count: z.number().int() })).default([]),
});
export type CatalogProperty = z.infer<typeof CatalogProperty>;

export const CatalogEvent = z.object({
  name: z.string(),
  /** How many of the recent events had this name. */
  count: z.number().int(),
  /** Epoch ms of the newest one. */
  lastSeen: z.number(),
  properties: z.array(CatalogProperty),
});
export type CatalogEvent = z.infer<typeof CatalogEvent>;

export const CatalogUser = z.object({ userId: z.string(), traits: z.record(z.string(), z.unknown()) });
export type CatalogUser = z.infer<typeof CatalogUser>;

/**
 * What the product has actually sent: event names with their properties, user traits, and a few
 * recent users. The editor suggests these in its pickers and previews emails against a real user.
 */
export const catalogApi = defineHandlers({
  'events.catalog': {
    request: z.object({}).strict().default({}),
    response: z.object({
      events: z.array(CatalogEvent),
      traits: z.array(CatalogProperty),
      users: z.array(CatalogUser),
    }),
  },
});
