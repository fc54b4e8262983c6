import { z } from 'zod';

/**
 * Pushes from the engine to every open renderer (IPC `webContents.send` or server-sent events).
 * Payloads are small hints to refetch, not data: a renderer that misses one loses nothing but freshness.
 */
export const apiEventSpec = {
  /** Journeys were created, saved, published, imported or deleted. */
  'journeys.changed': z.object({ ids: z.array(z.string()) }),
} as const;

export type ApiEventName = keyof typeof apiEventSpec;
export type ApiEventPayload<E extends ApiEventName> = z.infer<(typeof apiEventSpec)[E]>;
export const API_EVENT_NAMES = Object.keys(apiEventSpec) as ApiEventName[];
