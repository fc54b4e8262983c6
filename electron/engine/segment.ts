import { z } from 'zod';
import type { UserEvent } from '../../shared/engine/types';
import { checkInputShape } from '../../shared/input-shape';
import { checkEventTime, MAX_EVENT_DEPTH, MAX_ID_BYTES } from './event-limits';

/**
 * Segment-spec events (track and identify), as posted to /v1/track, /v1/identify, /v1/batch
 * or written one per line in a JSONL file. Validated here once, for the CLI and the live engine.
 */

/** "a string", "an array", "null": what was sent instead, for messages people act on. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const Timestamp = z
  .union([z.string(), z.number()], {
    error: (issue) => `must be an ISO-8601 time or milliseconds, not ${kindOf(issue.input)}`,
  })
  .optional();
/** An object of key → value (properties, traits, context), named in its error. */
const Fields = (name: string) =>
  z.record(z.string(), z.unknown(), { error: (issue) => `${name} must be an object, not ${kindOf(issue.input)}` });
const Id = (name: string) =>
  z.string({ error: (issue) => `${name} must be a string, not ${kindOf(issue.input)}` }).min(1, `${name} is empty`);

const common = {
  // Optional here: a call with only an anonymousId is kept until an identify or alias names its user.
  // A number only while it is exact: 9007199254740993 would become …992, another user.
  userId: z
    .union([z.string(), z.number().int().refine(Number.isSafeInteger, 'is too large a number: send it as text')], {
      error: (issue) => `userId must be a string or a number, not ${kindOf(issue.input)}`,
    })
    // "" or spaces would be one user for everyone who sends it: refused like a missing id.
    .refine((id) => typeof id !== 'string' || id.trim() !== '', 'userId is empty: send the id you know the person by')
    .transform(String)
    .optional(),
  timestamp: Timestamp,
  messageId: Id('messageId').optional(),
  context: Fields('context').optional(),
  anonymousId: z.string({ error: (issue) => `anonymousId must be a string, not ${kindOf(issue.input)}` }).optional(),
  integrations: Fields('integrations').optional(),
  sentAt: Timestamp,
  receivedAt: Timestamp,
  originalTimestamp: Timestamp,
};

export const SegmentTrack = z.object({
  type: z.literal('track'),
  event: z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? 'event is required: the name of what the person did, e.g. integration_started'
          : `event must be a string, not ${kindOf(issue.input)}`,
    })
    .min(1, 'event name is empty'),
  properties: Fields('properties').default({}),
  ...common,
});

export const SegmentIdentify = z.object({
  type: z.literal('identify'),
  traits: Fields('traits').default({}),
  ...common,
});

/** Segment's alias: `previousId` (usually an anonymousId) is the same person as `userId`. */
export const SegmentAlias = z.object({
  type: z.literal('alias'),
  previousId: Id('previousId'),
  ...common,
});

export const SegmentEvent = z.discriminatedUnion('type', [SegmentTrack, SegmentIdentify]);
export type SegmentEventInput = z.input<typeof SegmentEvent>;

export interface ParseOptions {
  /** Used when an event has no timestamp (e.g. the server's receive time). */
  defaultTime?: number;
  /** Events later than this are refused (clock skew guard for live ingestion). */
  latestTime?: number;
  /** Builds a messageId for events without one; must be deterministic for the same input. */
  fallbackMessageId: (raw: unknown, index: number) => string;
}

export type ParseResult = { ok: true; event: UserEvent } | { ok: false; errors: { field: string; message: string }[] };

/**
 * Validates one Segment object and converts it to an engine event.
 * @example parseSegmentEvent({ type: 'track', event: 'x', userId: 'u', timestamp: '2026-01-01T00:00:00Z' }, 0, opts)
 */
export function parseSegmentEvent(raw: unknown, index: number, options: ParseOptions): ParseResult {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errors: [{ field: '(root)', message: 'must be a JSON object' }] };
  }
  const type = (raw as { type?: unknown }).type;
  if (type !== 'track' && type !== 'identify' && type !== 'alias') {
    return {
      ok: false,
      errors: [
        { field: 'type', message: `unknown type ${JSON.stringify(type)} (expected "track", "identify" or "alias")` },
      ],
    };
  }
  // Before anything walks the object (zod, the message-id hash): depth and text that can be stored.
  const shape = checkInputShape(raw, MAX_EVENT_DEPTH);
  if (shape) return { ok: false, errors: [shape] };
  if (type === 'alias') return parseAlias(raw, index, options);
  const parsed = plainSegmentEvent(raw as Record<string, unknown>) ?? SegmentEvent.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: issuesOf(parsed.error) };
  const value = parsed.data;
  const anonymousId = value.anonymousId?.trim() ? value.anonymousId : undefined;
  if (value.userId === undefined && anonymousId === undefined) {
    return { ok: false, errors: [{ field: 'userId', message: USER_ID_REQUIRED }] };
  }
  for (const field of ['userId', 'messageId', 'event', 'anonymousId'] as const) {
    const text = (value as Record<string, unknown>)[field];
    if (typeof text === 'string' && text.length > MAX_ID_BYTES / 4 && Buffer.byteLength(text) > MAX_ID_BYTES) {
      return { ok: false, errors: [{ field, message: `is longer than ${MAX_ID_BYTES} bytes (UTF-8)` }] };
    }
    // Ids and names are stored as text columns: a NUL is no part of a real one, and PostgreSQL
    // refuses it, so it is refused here for every store (inside properties it is data, kept as JSON).
    if (typeof text === 'string' && text.includes('\u0000')) {
      return { ok: false, errors: [{ field, message: `${field} must not contain a NUL character (U+0000)` }] };
    }
  }
  const stamp = value.timestamp ?? value.originalTimestamp;
  let timestamp: number;
  if (stamp === undefined) {
    if (options.defaultTime === undefined)
      return { ok: false, errors: [{ field: 'timestamp', message: 'is missing' }] };
    timestamp = options.defaultTime;
  } else {
    const checked = checkEventTime(stamp);
    if (!checked.ok) {
      const field = value.timestamp !== undefined ? 'timestamp' : 'originalTimestamp';
      return { ok: false, errors: [{ field, message: checked.message }] };
    }
    timestamp = checked.time;
  }
  if (options.latestTime !== undefined && timestamp > options.latestTime) {
    return { ok: false, errors: [{ field: 'timestamp', message: 'is too far in the future' }] };
  }
  const messageId = value.messageId ?? options.fallbackMessageId(raw, index);
  // An anonymous call has no user yet (userId ""): the engine keeps it for the user who claims it.
  const userId = value.userId ?? '';
  const anonymous = anonymousId !== undefined ? { anonymousId } : {};
  if (value.type === 'track') {
    return {
      ok: true,
      event: {
        type: 'track',
        event: value.event,
        userId,
        timestamp,
        properties: value.properties,
        messageId,
        ...anonymous,
      },
    };
  }
  return { ok: true, event: { type: 'identify', userId, timestamp, traits: value.traits, messageId, ...anonymous } };
}

const USER_ID_REQUIRED =
  'is required: send the userId you know the person by. A call with only an anonymousId is kept, and joins the person when an identify with both ids, or an alias, names them.';

function issuesOf(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: i.path.join('.') || '(root)', message: i.message }));
}

/**
 * An alias as the identify it amounts to: no new traits, and `previousId` as the anonymousId whose
 * kept calls now belong to `userId`.
 */
function parseAlias(raw: unknown, index: number, options: ParseOptions): ParseResult {
  const parsed = SegmentAlias.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: issuesOf(parsed.error) };
  const { userId, previousId, messageId, timestamp } = parsed.data;
  if (userId === undefined) {
    return { ok: false, errors: [{ field: 'userId', message: 'is required: the user that previousId becomes' }] };
  }
  const event = { type: 'identify', userId, traits: {}, anonymousId: previousId, ...(messageId ? { messageId } : {}) };
  return parseSegmentEvent({ ...event, ...(timestamp !== undefined ? { timestamp } : {}) }, index, {
    ...options,
    fallbackMessageId: () => options.fallbackMessageId(raw, index),
  });
}

type Parsed = z.infer<typeof SegmentEvent>;

const OPTIONAL_KEYS = [
  'timestamp',
  'messageId',
  'context',
  'anonymousId',
  'integrations',
  'sentAt',
  'receivedAt',
  'originalTimestamp',
] as const;
const optionalStamp = (v: unknown) => v === undefined || typeof v === 'string' || typeof v === 'number';
const optionalRecord = (v: unknown) => v === undefined || isPlainObject(v);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * The common case without zod: an event exactly as the schema wants it, which is what every
 * client sends. It accepts only what `SegmentEvent` accepts and returns what it would return;
 * anything else (including every error, with its messages) goes through zod. zod costs more
 * than the rest of ingestion's parsing put together.
 */
export function plainSegmentEvent(raw: Record<string, unknown>): { success: true; data: Parsed } | undefined {
  const { type, userId, messageId } = raw;
  // The common case always names its user; anonymous calls take zod's path.
  if (
    !(
      (typeof userId === 'string' && userId.trim().length > 0) ||
      (typeof userId === 'number' && Number.isSafeInteger(userId))
    )
  )
    return undefined;
  if (messageId !== undefined && !(typeof messageId === 'string' && messageId.length > 0)) return undefined;
  if (
    !optionalStamp(raw.timestamp) ||
    !optionalStamp(raw.sentAt) ||
    !optionalStamp(raw.receivedAt) ||
    !optionalStamp(raw.originalTimestamp) ||
    !optionalRecord(raw.context) ||
    !optionalRecord(raw.integrations) ||
    !(raw.anonymousId === undefined || typeof raw.anonymousId === 'string')
  )
    return undefined;
  const common: Record<string, unknown> = { userId: String(userId) };
  for (const key of OPTIONAL_KEYS) if (raw[key] !== undefined) common[key] = raw[key];
  if (type === 'track') {
    const { event, properties } = raw;
    if (typeof event !== 'string' || event.length === 0 || !optionalRecord(properties)) return undefined;
    return {
      success: true,
      data: {
        type,
        event,
        properties: { ...((properties as Record<string, unknown> | undefined) ?? {}) },
        ...common,
      } as Parsed,
    };
  }
  if (type === 'identify') {
    const { traits } = raw;
    if (!optionalRecord(traits)) return undefined;
    return {
      success: true,
      data: { type, traits: { ...((traits as Record<string, unknown> | undefined) ?? {}) }, ...common } as Parsed,
    };
  }
  return undefined;
}

/**
 * A deterministic id for an event that came without a messageId: a hash of its canonical JSON,
 * so re-importing the same file does not duplicate it.
 */
export function contentMessageId(raw: unknown): string {
  const text = JSON.stringify(raw, Object.keys(flatten(raw)).sort());
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `auto-${(h2 >>> 0).toString(16).padStart(8, '0')}${(h1 >>> 0).toString(16).padStart(8, '0')}`;
}

function flatten(value: unknown, into: Record<string, true> = {}): Record<string, true> {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into[k] = true;
      flatten(v, into);
    }
  }
  return into;
}
