import { z } from 'zod';
import { DURATION_PATTERN } from './duration';

/**
 * The journey file format (formatVersion 1). This zod schema is the single source of truth:
 * the JSON Schema in resources/schema/journey.schema.json is generated from it, the API
 * validates payloads with it, and the canvas edits values of these types.
 */

export const Duration = z
  .string()
  .regex(DURATION_PATTERN, 'must be a duration such as 30m, 2h, 36h or 4d')
  .describe('A duration: a whole number followed by s, m, h, d or w, e.g. 30m, 2h, 4d');

/**
 * Where a value comes from: `user.<trait>`, `trigger.<property>` (the event that started the run),
 * `event.<property>` (the event being handled), or `vars.<name>` (a journey variable).
 */
export const ValueRef = z
  .string()
  .regex(
    /^(user|trigger|event|vars)\.[A-Za-z0-9_.-]+$/,
    'must look like user.role, trigger.integration_type, event.error_code or vars.category',
  )
  .describe('user.<trait> | trigger.<property> | event.<property> | vars.<variable>');

/** A duration that may depend on a value, e.g. the integration's category. */
export const DurationSpec = z.union([
  Duration,
  z
    .object({
      by: ValueRef,
      values: z.record(z.string(), Duration),
      default: Duration,
    })
    .strict()
    .describe('A duration chosen by a value: values[value] or default'),
]);

export const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ComparisonOp = z.enum([
  'equals',
  'not_equals',
  'in',
  'not_in',
  'exists',
  'not_exists',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
]);

/** Compares one property of an event with a fixed value or with another value (e.g. the trigger's). */
export const PropertyFilter = z
  .object({
    property: z.string().min(1),
    op: ComparisonOp,
    value: z.union([Scalar, z.array(Scalar)]).optional(),
    sameAs: ValueRef.optional().describe('compare with this value instead of `value`, e.g. trigger.error_code'),
  })
  .strict();

/** The window an event must (or must not) fall in. Always clipped at "now": the future is unknown. */
export const EventWindow = z
  .object({
    anchor: z.enum(['ever', 'now', 'entry', 'trait', 'trigger']),
    trait: z.string().optional().describe('for anchor "trait": the trait holding the anchor time, e.g. createdAt'),
    within: Duration.optional().describe('for "now": look back this far; otherwise: up to this long after the anchor'),
  })
  .strict();

export const TraitCondition = z
  .object({
    kind: z.literal('trait'),
    trait: z.string().min(1),
    op: ComparisonOp,
    value: z.union([Scalar, z.array(Scalar)]).optional(),
  })
  .strict();

export const ValueCondition = z
  .object({
    kind: z.literal('value'),
    ref: ValueRef,
    op: ComparisonOp,
    value: z.union([Scalar, z.array(Scalar)]).optional(),
  })
  .strict();

export const EventCondition = z
  .object({
    kind: z.literal('event'),
    event: z.string().min(1),
    filters: z.array(PropertyFilter).default([]),
    happened: z.boolean(),
    window: EventWindow,
  })
  .strict();

export const EventCountCondition = z
  .object({
    kind: z.literal('event_count'),
    event: z.string().min(1),
    filters: z.array(PropertyFilter).default([]),
    atLeast: z.number().int().min(1),
    sameProperty: z.string().optional().describe('count only events sharing one value of this property'),
    window: EventWindow,
  })
  .strict();

export const Condition = z.discriminatedUnion('kind', [
  TraitCondition,
  ValueCondition,
  EventCondition,
  EventCountCondition,
]);

export const ConditionGroup = z
  .object({
    match: z.enum(['all', 'any']),
    rules: z.array(Condition),
  })
  .strict();

export const Position = z.object({ x: z.number(), y: z.number() }).strict();

/** Ids that name built-in object keys: counts and send keys kept by id would lose or merge them. */
const RESERVED_NODE_IDS = new Set(['__proto__', 'constructor', 'prototype']);

const nodeBase = {
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'node ids use letters, digits, - and _')
    .refine(
      (id) => !RESERVED_NODE_IDS.has(id),
      'this id is reserved (__proto__, constructor and prototype name built-in keys)',
    ),
  position: Position,
  title: z.string().optional().describe('a label shown on the canvas card'),
};

export const TriggerNode = z
  .object({
    ...nodeBase,
    type: z.literal('trigger'),
    config: z
      .object({
        event: z.string().min(1),
        filters: z.array(PropertyFilter).default([]),
        eligibility: ConditionGroup.default({ match: 'all', rules: [] }),
      })
      .strict(),
  })
  .strict();

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

export const DelayNode = z
  .object({
    ...nodeBase,
    type: z.literal('delay'),
    config: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('duration'), duration: DurationSpec }).strict(),
      z
        .object({
          mode: z.literal('until'),
          time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day such as 09:00'),
          days: z.array(Weekday).optional(),
        })
        .strict(),
    ]),
  })
  .strict();

export const WaitNode = z
  .object({
    ...nodeBase,
    type: z.literal('wait'),
    config: z
      .object({
        event: z.string().min(1),
        filters: z.array(PropertyFilter).default([]),
        lookback: z.enum(['entry', 'none']).default('entry'),
        timeout: DurationSpec,
      })
      .strict(),
  })
  .strict();

export const ConditionNode = z
  .object({
    ...nodeBase,
    type: z.literal('condition'),
    config: ConditionGroup,
  })
  .strict();

export const SplitNode = z
  .object({
    ...nodeBase,
    type: z.literal('split'),
    config: z
      .object({
        value: ValueRef,
        cases: z.array(
          z
            .object({
              output: z.string().regex(/^[A-Za-z0-9_-]+$/),
              label: z.string().optional(),
              values: z.array(Scalar).min(1),
            })
            .strict(),
        ),
      })
      .strict(),
  })
  .strict();

export const RandomSplitNode = z
  .object({
    ...nodeBase,
    type: z.literal('random_split'),
    config: z
      .object({
        branches: z
          .array(
            z
              .object({
                output: z.string().regex(/^[A-Za-z0-9_-]+$/),
                percent: z.number().min(0).max(100),
              })
              .strict(),
          )
          .min(2),
      })
      .strict(),
  })
  .strict();

export const EmailNode = z
  .object({
    ...nodeBase,
    type: z.literal('email'),
    config: z
      .object({
        template: z.string().min(1).describe('key into the journey templates'),
        from: z.string().optional(),
        replyTo: z.string().optional(),
      })
      .strict(),
  })
  .strict();

export const WebhookNode = z
  .object({
    ...nodeBase,
    type: z.literal('webhook'),
    config: z
      .object({
        url: z.string().min(1),
        body: z.string().describe('Liquid template producing a JSON body'),
        headers: z.record(z.string(), z.string()).optional(),
      })
      .strict(),
  })
  .strict();

export const TrackNode = z
  .object({
    ...nodeBase,
    type: z.literal('track'),
    config: z.discriminatedUnion('action', [
      z
        .object({
          action: z.literal('event'),
          event: z.string().min(1),
          properties: z.record(z.string(), z.string()).default({}).describe('values are Liquid templates'),
        })
        .strict(),
      z
        .object({
          action: z.literal('trait'),
          trait: z.string().min(1),
          value: z.string().describe('a Liquid template'),
        })
        .strict(),
    ]),
  })
  .strict();

export const ExitNode = z
  .object({
    ...nodeBase,
    type: z.literal('exit'),
    config: z.object({ reason: z.string().optional() }).strict().default({}),
  })
  .strict();

export const JourneyNode = z.discriminatedUnion('type', [
  TriggerNode,
  DelayNode,
  WaitNode,
  ConditionNode,
  SplitNode,
  RandomSplitNode,
  EmailNode,
  WebhookNode,
  TrackNode,
  ExitNode,
]);

export const Edge = z
  .object({
    id: z.string().min(1),
    from: z.string().min(1),
    output: z.string().min(1),
    to: z.string().min(1),
  })
  .strict();

export const ExitRule = z
  .object({
    event: z.string().min(1),
    filters: z.array(PropertyFilter).default([]),
    reason: z.string().optional(),
  })
  .strict();

/** A value computed once when a user enters, e.g. the integration's category from its type. */
export const JourneyVariable = z
  .object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
    from: ValueRef,
    map: z.record(z.string(), z.string()).default({}),
    default: z.string(),
  })
  .strict();

export const Template = z
  .object({
    subject: z.string(),
    html: z.string(),
    text: z.string(),
  })
  .strict();

export const Reentry = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('once') }).strict(),
  z.object({ mode: z.literal('cooldown'), cooldown: Duration }).strict(),
  z.object({ mode: z.literal('always') }).strict(),
]);

/**
 * What the journey is for: the event that counts as success, and how long after entering a user
 * may take to reach it. Results, lift against the holdout and the backtest all measure it.
 */
export const Goal = z
  .object({
    event: z.string().min(1).describe('e.g. integration_connected'),
    within: Duration.describe('counted when the event happens within this long after entering, e.g. 7d'),
  })
  .strict();

export const Settings = z
  .object({
    reentry: Reentry.default({ mode: 'once' }),
    frequencyCap: z
      .object({ max: z.number().int().min(1), per: Duration })
      .strict()
      .optional()
      .describe('at most `max` emails from this journey per `per`'),
    quietHours: z
      .object({
        start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
        end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
      })
      .strict()
      .optional()
      .describe("no email between start and end in the user's local time; deferred to end"),
    timezone: z.string().default('UTC').describe('used when the user has no timezone trait'),
    maxLateness: Duration.default('6h').describe(
      'an email or webhook due longer ago than this (old history, a long pause) is skipped as stale',
    ),
    from: z.string().optional(),
    goal: Goal.optional(),
    holdoutPercent: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe(
        'this share of users (picked from userId and journey id) walks the journey but gets no email or webhook; 0 when absent',
      ),
    tracking: z
      .object({
        clicks: z
          .boolean()
          .default(true)
          .describe('links point at the host, which records email_clicked and redirects'),
        opens: z
          .boolean()
          .default(false)
          .describe('a 1-pixel image records email_opened (directional: proxies prefetch)'),
      })
      .strict()
      .optional()
      .describe('click tracking (on unless set off) and the open pixel (off unless set on)'),
  })
  .strict();

/** A time from the scenario's start, written as in its timeline: `+5m`, `+2h05m`, `+1d2h`, `+0`. */
export const ScenarioOffset = z
  .string()
  .regex(/^\+?(0|(\d+(\.\d+)?[smhdw])+)$/, 'must be a time from the start such as +5m, +2h05m or +1d2h')
  .describe('a time from the scenario start, e.g. +2h05m');

/** An email or webhook the scenario's user must get from this node, at a time (give or take `tolerance`). */
export const ExpectedArrival = z
  .object({
    nodeId: z.string().min(1),
    at: ScenarioOffset,
    tolerance: Duration.optional().describe(
      'how far from `at` it may come and still pass; exactly at `at` when absent',
    ),
  })
  .strict();

/**
 * What a scenario must produce: `dripagent test` and the simulator check it on every run. Each
 * email node listed in `emails` must send as often as it is listed, at those times; the nodes in
 * `noEmails` must send nothing; `end` is where the user's last run of the journey stops.
 */
export const ScenarioExpectations = z
  .object({
    emails: z.array(ExpectedArrival).optional().describe('the emails that must arrive, in time order'),
    noEmails: z.array(z.string().min(1)).optional().describe('email nodes that must not send'),
    webhooks: z.array(ExpectedArrival).optional().describe('the webhooks that must be called'),
    end: z
      .object({
        nodeId: z.string().min(1),
        reason: z.string().optional().describe('the exit reason, e.g. setup_abandoned; any when absent'),
      })
      .strict()
      .optional()
      .describe('where the user ends: the node their run stops at (or waits at), and why'),
  })
  .strict();

export const Scenario = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    userId: z.string().optional(),
    profile: z.record(z.string(), z.unknown()).default({}),
    timeline: z.string().describe('one event per line: "+3h api_key_created key=value"'),
    expect: ScenarioExpectations.optional().describe('the outcome this scenario must have (see `dripagent test`)'),
  })
  .strict();

export const Journey = z
  .object({
    formatVersion: z.literal(1),
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'journey ids use lower-case letters, digits, - and _'),
    name: z.string().min(1),
    description: z.string().default(''),
    nodes: z.array(JourneyNode),
    edges: z.array(Edge),
    exitRules: z.array(ExitRule).default([]),
    variables: z.array(JourneyVariable).default([]),
    settings: Settings.default({ reentry: { mode: 'once' }, timezone: 'UTC', maxLateness: '6h' }),
    templates: z.record(z.string(), Template).default({}),
    scenarios: z.array(Scenario).default([]),
  })
  .strict();

export type Journey = z.infer<typeof Journey>;
export type JourneyInput = z.input<typeof Journey>;
export type JourneyNode = z.infer<typeof JourneyNode>;
export type NodeType = JourneyNode['type'];
export type Edge = z.infer<typeof Edge>;
export type Condition = z.infer<typeof Condition>;
export type ConditionGroup = z.infer<typeof ConditionGroup>;
export type PropertyFilter = z.infer<typeof PropertyFilter>;
export type EventWindow = z.infer<typeof EventWindow>;
export type DurationSpec = z.infer<typeof DurationSpec>;
export type Settings = z.infer<typeof Settings>;
export type Goal = z.infer<typeof Goal>;
export type Template = z.infer<typeof Template>;
export type ExitRule = z.infer<typeof ExitRule>;
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioExpectations = z.infer<typeof ScenarioExpectations>;
export type ExpectedArrival = z.infer<typeof ExpectedArrival>;
export type ScalarValue = z.infer<typeof Scalar>;
export type NodeOf<T extends NodeType> = Extract<JourneyNode, { type: T }>;

export const NODE_TYPES = [
  'trigger',
  'delay',
  'wait',
  'condition',
  'split',
  'random_split',
  'email',
  'webhook',
  'track',
  'exit',
] as const satisfies readonly NodeType[];

/** The JSON Schema of the journey format, generated from the zod schema. */
export function journeyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(Journey, { io: 'input', target: 'draft-2020-12', reused: 'ref' }) as Record<string, unknown>;
}
