import { z } from 'zod';
import { JourneySummary } from './journey';

/** Ids listed in one push at most; past it `more` is true and listeners refresh whatever they show. */
export const MAX_PUSHED_IDS = 100;

const Ids = z.array(z.string()).max(MAX_PUSHED_IDS);

/**
 * Pushes from the engine to every open renderer (IPC `webContents.send` or server-sent events).
 * Each says what changed, so a listener refetches only what it shows and only when it must. They
 * are small and may be coalesced (see electron/api/pushes.ts): a renderer that misses one loses
 * nothing but freshness. The host validates each payload against these schemas before sending it.
 */
export const apiEventSpec = {
  /**
   * One journey was created, saved, renamed, imported, published, paused, resumed or deleted.
   * `scope` says what changed: `draft` only its draft (the live engine has nothing to reload),
   * `live` what runs (a publish, a pause or resume, the deletion of a published journey).
   * `summary` is its list row as it is now (null once deleted): a window that already has this
   * `updatedAt` (it saved it itself) has nothing to fetch.
   */
  'journeys.changed': z.object({
    id: z.string(),
    scope: z.enum(['draft', 'live']),
    summary: JourneySummary.nullable(),
  }),
  /** What is stored about these people changed: events, traits, runs, decisions or email deliveries. */
  'people.changed': z.object({ userIds: Ids, more: z.boolean() }),
  /** People entered, moved through or left these journeys, their next wake-ups moved, or a message of theirs was delivered or failed. */
  'runs.changed': z.object({ journeyIds: Ids, more: z.boolean() }),
  /** An email landed in the dev inbox, or it was cleared. */
  'inbox.changed': z.object({}),
  /** The SMTP settings were saved or cleared (mail goes elsewhere now). */
  'mail.settings.changed': z.object({}),
  /** A long report asked for with `requestId` is this far along (users or rows done of total). */
  'metrics.progress': z.object({ requestId: z.string(), done: z.number(), total: z.number() }),
  /** An address was suppressed (a bounce or complaint) or mailed again. */
  'mail.suppressions.changed': z.object({}),
  /** How far a backtest or forecast (`jobId`, the caller's name for it) has read: users done of total. */
  'replay.progress': z.object({ jobId: z.string(), done: z.number().int().min(0), total: z.number().int().min(0) }),
} as const;

export type ApiEventName = keyof typeof apiEventSpec;
export type ApiEventPayload<E extends ApiEventName> = z.infer<(typeof apiEventSpec)[E]>;
export const API_EVENT_NAMES = Object.keys(apiEventSpec) as ApiEventName[];
