import { z } from 'zod';
import { DURATION_PATTERN, parseDuration } from '../journey/duration';
import { defineHandlers } from './define';

/** At most `max` emails per person across all journeys per `per`; null for no cap. */
export const GlobalCap = z
  .object({
    max: z.number().int().min(1, 'must be at least 1').max(1000),
    per: z
      .string()
      .regex(DURATION_PATTERN, 'must be a duration like 24h or 7d')
      .refine((per) => !DURATION_PATTERN.test(per) || parseDuration(per) > 0, 'must be longer than zero'),
  })
  .strict()
  .nullable();
export type GlobalCap = z.infer<typeof GlobalCap>;

const SendingLimitsShape = z.object({ globalCap: GlobalCap, fromEnv: z.boolean() });

const OutcomeShape = z.object({
  at: z.number(),
  userId: z.string(),
  journeyId: z.string(),
  nodeId: z.string(),
  type: z.enum(['enter', 'email', 'webhook', 'track', 'exit', 'skip']),
  subject: z.string().optional(),
  reason: z.string().optional(),
});

const DecisionShape = z.object({
  at: z.number(),
  userId: z.string(),
  journeyId: z.string(),
  runId: z.string().nullable(),
  nodeId: z.string().nullable(),
  message: z.string(),
});

const StoredEvent = z.object({
  type: z.enum(['track', 'identify']),
  event: z.string().optional(),
  userId: z.string(),
  timestamp: z.number(),
  messageId: z.string(),
  properties: z.record(z.string(), z.unknown()).optional(),
  traits: z.record(z.string(), z.unknown()).optional(),
});

const MessageShape = z.object({
  id: z.number(),
  kind: z.enum(['email', 'webhook']),
  journeyId: z.string(),
  nodeId: z.string(),
  at: z.number(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  sentAt: z.number().nullable(),
  lastError: z.string().nullable(),
  subject: z.string().optional(),
  /** People's clicks (and opens) of this email, per link; machine fetches left out. */
  clicks: z.array(z.object({ kind: z.enum(['click', 'open']), link: z.string(), at: z.number() })).optional(),
});

const RunShape = z.object({
  runId: z.string(),
  journeyId: z.string(),
  version: z.number(),
  status: z.enum(['active', 'done']),
  nodeId: z.string(),
  enteredAt: z.number(),
  wakeAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  endReason: z.string().nullable(),
});

/** The live engine: ingestion settings, runs in flight, and "why did this user get X?". */
export const engineApi = defineHandlers({
  'engine.status': {
    request: z.object({}).strict().default({}),
    response: z.object({
      writeKey: z.string(),
      writeKeyFromEnv: z.boolean(),
      eventsUrl: z.string().nullable(),
      counts: z.object({
        events: z.number(),
        profiles: z.number(),
        pending: z.number(),
        sent: z.number(),
        failed: z.number(),
      }),
      nextWake: z.number().nullable(),
    }),
  },
  'engine.limits.get': {
    request: z.object({}).strict().default({}),
    response: SendingLimitsShape,
  },
  /** Refused (conflict) while DRIPAGENT_FREQUENCY_CAP sets the cap. */
  'engine.limits.save': {
    request: z.object({ globalCap: GlobalCap }).strict(),
    response: SendingLimitsShape,
  },
  'journey.pause': {
    request: z.object({ id: z.string().min(1) }).strict(),
    response: z.object({ paused: z.boolean() }),
  },
  'journey.resume': {
    request: z.object({ id: z.string().min(1) }).strict(),
    response: z.object({ resumed: z.boolean() }),
  },
  'runs.overview': {
    request: z.object({ journeyId: z.string().min(1) }).strict(),
    response: z.object({
      nodes: z.array(z.object({ nodeId: z.string(), active: z.number() })),
      active: z.number(),
      done: z.number(),
      /** Webhook calls in trouble: still retrying after a failure, or given up; the newest error. */
      webhooks: z.object({ retrying: z.number(), failed: z.number(), lastError: z.string().nullable() }),
    }),
  },
  'runs.usersAt': {
    request: z
      .object({
        journeyId: z.string().min(1),
        nodeId: z.string().min(1),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    response: z.object({
      users: z.array(
        z.object({
          userId: z.string(),
          /** When they arrived at this step. */
          since: z.number(),
          wakeAt: z.number().nullable(),
          /** Their profile, so a list can show a name or email rather than an id. */
          traits: z.record(z.string(), z.unknown()),
        }),
      ),
    }),
  },
  'users.search': {
    // Bounded: SQLite refuses LIKE patterns past 50,000 bytes, and a name or address is far shorter.
    request: z
      .object({ query: z.string().max(200).default(''), limit: z.number().int().min(1).max(200).default(50) })
      .strict(),
    response: z.object({
      users: z.array(z.object({ userId: z.string(), traits: z.record(z.string(), z.unknown()), lastSeen: z.number() })),
    }),
  },
  /** A person's newest event of one name, e.g. what started a journey for them (for email previews). */
  'users.lastEvent': {
    request: z.object({ userId: z.string().min(1), event: z.string().min(1) }).strict(),
    response: z.object({
      event: z.object({ timestamp: z.number(), properties: z.record(z.string(), z.unknown()) }).nullable(),
    }),
  },
  'user.trace': {
    request: z.object({ userId: z.string().min(1) }).strict(),
    response: z.object({
      userId: z.string(),
      traits: z.record(z.string(), z.unknown()),
      events: z.array(StoredEvent),
      outcomes: z.array(OutcomeShape),
      decisions: z.array(DecisionShape),
      messages: z.array(MessageShape),
      runs: z.array(RunShape),
      /** Why the user's address is no longer mailed (a bounce or a complaint), if it is not. */
      suppression: z
        .object({
          address: z.string(),
          reason: z.enum(['bounced', 'complained']),
          source: z.string(),
          detail: z.string(),
          at: z.number(),
        })
        .nullable()
        .optional(),
    }),
  },
});
