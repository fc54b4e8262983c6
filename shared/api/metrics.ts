import { z } from 'zod';
import { Goal } from '../journey/schema';
import { FUNNEL_STEPS } from '../metrics/funnel-types';
import { isQuotableName } from '../metrics/trait-name';
import { defineHandlers } from './define';

const Rate = z.number().nullable();

/** Tracked clicks or opens of one email (people exclude machine fetches). */
const Engagement = z.object({ people: z.number(), count: z.number(), prefetches: z.number(), rate: Rate });
const Ms = z.number().nullable();
/** An epoch-millisecond instant inside the years events may carry. */
const Instant = z
  .number()
  .int()
  .min(Date.UTC(2000, 0, 1))
  .max(Date.UTC(2100, 0, 1));
const Period = { from: Instant, to: Instant };
const periodInOrder = (p: { from: number; to: number }) => p.from < p.to;
const PERIOD_ORDER = { message: '`from` must be before `to`', path: ['to'] };
/** Event health has a column per day for every event name: a century of them would be megabytes. */
const MAX_EVENT_HEALTH_DAYS = 366;
const periodNotTooLong = (p: { from: number; to: number }) => p.to - p.from <= MAX_EVENT_HEALTH_DAYS * 86_400_000;
const PERIOD_LENGTH = { message: `the period may be at most ${MAX_EVENT_HEALTH_DAYS} days`, path: ['from'] };
/** Sent back with progress pushes, so a window knows which of its reports is running. */
const RequestId = z.string().min(1).max(100).optional();
/** A breakdown or trait name: text a JSON path can quote. */
const Name = z
  .string()
  .min(1)
  .max(200)
  .refine(isQuotableName, 'must not be blank or contain a double quote, a backslash or a control character');

const Step = z.enum(FUNNEL_STEPS);

export const FunnelGroupShape = z.object({
  key: z.string(),
  started: z.number(),
  connected: z.number(),
  start_to_connected_rate: Rate,
  signup_to_connected_ms: z.object({ median: Ms, p90: Ms }),
  steps: z.array(z.object({ event: Step, users: z.number() })),
  error_recurrence_rate: Rate,
  test_event_success_rate: Rate,
  activation: z.object({ completed: Rate, not_completed: Rate }),
});

export const FunnelReportShape = z.object({
  from: z.string(),
  to: z.string(),
  by: z.string().nullable(),
  groups: z.array(FunnelGroupShape),
});

const Counted = { sent: z.number(), rate: Rate };
const FunnelGroupDetailsShape = z.object({
  key: z.string(),
  stepGaps: z.array(z.object({ from: Step, to: Step, users: z.number(), medianMs: Ms })),
  timeToConnect: z.array(z.object({ label: z.string(), fromMs: z.number(), toMs: Ms, users: z.number() })),
  weekly: z.array(z.object({ week: z.string(), started: z.number(), connected: z.number(), rate: Rate })),
  errors: z.object({ users: z.number(), repeated: z.number() }),
  tests: z.object({ users: z.number(), succeeded: z.number() }),
  troubleshooting: z.object({ ...Counted, repeated: z.number() }),
  testPrompt: z.object({ ...Counted, tested: z.number() }),
  activation: z.object({
    event: z.string().nullable(),
    connected: z.number(),
    connectedActivated: z.number(),
    notConnected: z.number(),
    notConnectedActivated: z.number(),
  }),
});

const GroupOutcomeShape = z.object({
  label: z.string(),
  users: z.number(),
  converted: z.number(),
  rate: Rate,
  medianMsToGoal: Ms,
});
const ComparisonShape = z.object({
  treatment: GroupOutcomeShape,
  control: GroupOutcomeShape,
  interval: z.object({ difference: z.number(), lower: z.number(), upper: z.number() }).nullable(),
  enough: z.boolean(),
  sentence: z.string(),
});

export const JourneyResultsShape = z.object({
  journey: z.object({ id: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  entered: z.number(),
  active: z.number(),
  finished: z.number(),
  exits: z.array(
    z.object({
      reason: z.enum(['goal', 'exit_rule', 'end', 'other']),
      runs: z.number(),
      endReasons: z.array(z.object({ endReason: z.string(), runs: z.number() })),
    }),
  ),
  held_back: z.array(
    z.object({
      reason: z.enum(['holdout', 'unsubscribed', 'suppressed', 'cap', 'stale', 'other']),
      users: z.number(),
      reasons: z.array(z.string()),
    }),
  ),
  nodes: z.array(z.object({ nodeId: z.string(), reached: z.number() })),
  messages: z.array(
    z.object({
      nodeId: z.string(),
      kind: z.enum(['email', 'webhook']),
      sent: z.number(),
      delivered: z.number(),
      failed: z.number(),
      pending: z.number(),
      skipped: z.array(z.object({ reason: z.string(), count: z.number() })),
      recipients: z.number().nullable(),
      converted: z.number().nullable(),
      conversion_rate: Rate,
      clicks: Engagement.extend({
        links: z.array(z.object({ url: z.string(), clicks: z.number(), people: z.number(), prefetches: z.number() })),
      }).nullable(),
      opens: Engagement.nullable(),
    }),
  ),
  goal: Goal.nullable(),
  holdout: z.object({ percent: z.number(), comparison: ComparisonShape.nullable() }).nullable(),
  splits: z.array(z.object({ nodeId: z.string(), comparisons: z.array(ComparisonShape) })),
});

export const EventHealthShape = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(z.string()),
  events: z.array(
    z.object({
      name: z.string(),
      total: z.number(),
      users: z.number(),
      per_user: Rate,
      duplicates: z.number(),
      late: z.number(),
      per_day: z.array(z.number()),
      missing: z.array(z.object({ property: z.string(), events: z.number(), share: Rate })),
    }),
  ),
  traits: z.array(z.object({ trait: z.string(), users: z.number(), missing: z.number(), share: Rate })),
  tracking_gap: z.object({ connected: z.number(), without_start: z.number() }),
});

/** Measuring: the setup funnel, a journey's results, and event health. Long reports run off the main thread. */
export const metricsApi = defineHandlers({
  /** `activationEvent` undefined: the one remembered from the Metrics view (or none). */
  'metrics.funnel': {
    request: z
      .object({
        ...Period,
        by: Name.nullable().default(null),
        activationEvent: Name.nullable().optional(),
        requestId: RequestId,
      })
      .strict()
      .refine(periodInOrder, PERIOD_ORDER),
    response: z.object({
      report: FunnelReportShape,
      details: z.object({ groups: z.array(FunnelGroupDetailsShape) }),
      activationEvent: z.string().nullable(),
    }),
  },
  /** Remembers the activation event for the Metrics view and `dripagent report funnel`; null forgets it. */
  'metrics.activation.set': {
    request: z.object({ event: Name.nullable() }).strict(),
    response: z.object({ event: z.string().nullable() }),
  },
  'metrics.journey': {
    request: z
      .object({ journeyId: z.string().min(1).max(200), ...Period, requestId: RequestId })
      .strict()
      .refine(periodInOrder, PERIOD_ORDER),
    response: JourneyResultsShape,
  },
  'metrics.events': {
    request: z
      .object({ ...Period, requestId: RequestId })
      .strict()
      .refine(periodInOrder, PERIOD_ORDER)
      .refine(periodNotTooLong, PERIOD_LENGTH),
    response: EventHealthShape,
  },
});
