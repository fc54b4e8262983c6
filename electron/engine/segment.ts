import { z } from 'zod';
import type { UserEvent } from '../../shared/engine/types';
import { checkEventShape, checkEventTime, MAX_ID_LENGTH } from './event-limits';

/**
 * Segment-spec events (track and identify), as posted to /v1/track, /v1/identify, /v1/batch
 * or written one per line in a JSONL file. Validated here once, for the CLI and the live engine.
 */

const Timestamp = z.union([z.string(), z.number()]).optional();

const common = {
  // A number only while it is exact: 9007199254740993 would become …992, another user.
  userId: z
    .union([z.string().min(1), z.number().int().refine(Number.isSafeInteger, 'is too large a number: send it as text')])
    .transform(String),
  timestamp: Timestamp,
  messageId: z.string().min(1).optional(),
  context: z.record(z.string(), z.unknown()).optional(),
  anonymousId: z.string().optional(),
  integrations: z.record(z.string(), z.unknown()).optional(),
  sentAt: Timestamp,
  receivedAt: Timestamp,
  originalTimestamp: Timestamp,
};

export const SegmentTrack = z.object({
  type: z.literal('track'),
  event: z.string().min(1, 'event name is empty'),
  properties: z.record(z.string(), z.unknown()).default({}),
  ...common,
});

export const SegmentIdentify = z.object({
  type: z.literal('identify'),
  traits: z.record(z.string(), z.unknown()).default({}),
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
  if (type !== 'track' && type !== 'identify') {
    return {
      ok: false,
      errors: [{ field: 'type', message: `unknown type ${JSON.stringify(type)} (expected "track" or "identify")` }],
    };
  }
  // Before anything walks the object (zod, the message-id hash): depth and text that can be stored.
  const shape = checkEventShape(raw);
  if (shape) return { ok: false, errors: [shape] };
  const parsed = plainSegmentEvent(raw as Record<string, unknown>) ?? SegmentEvent.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(root)', message: i.message })),
    };
  }
  const value = parsed.data;
  for (const field of ['userId', 'messageId', 'event'] as const) {
    const text = (value as Record<string, unknown>)[field];
    if (typeof text === 'string' && text.length > MAX_ID_LENGTH) {
      return { ok: false, errors: [{ field, message: `is longer than ${MAX_ID_LENGTH} characters` }] };
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
  if (value.type === 'track') {
    return {
      ok: true,
      event: {
        type: 'track',
        event: value.event,
        userId: value.userId,
        timestamp,
        properties: value.properties,
        messageId,
      },
    };
  }
  return { ok: true, event: { type: 'identify', userId: value.userId, timestamp, traits: value.traits, messageId } };
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
  if (
    !((typeof userId === 'string' && userId.length > 0) || (typeof userId === 'number' && Number.isSafeInteger(userId)))
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
