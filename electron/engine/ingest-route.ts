import { timingSafeEqual } from 'node:crypto';
import { contentMessageId, parseSegmentEvent } from '../../shared/engine/segment';
import type { UserEvent } from '../../shared/engine/types';
import { BodyTooLargeError, readBody, sendJson } from '../api/http/respond';
import type { Route, RouteContext } from '../api/http/router';
import type { Clock } from './clock';
import type { Engine } from './engine';
import { createIngestQueue } from './ingest-queue';

/** Segment's own limits: 32 KB for one call, 500 KB for a batch. We allow a little more for a batch. */
export const SINGLE_LIMIT = 32 * 1024;
export const BATCH_LIMIT = 1024 * 1024;
/** Timestamps further ahead than this are refused: a wrong clock would schedule mail far in the future. */
const MAX_FUTURE_MS = 24 * 3_600_000;

export interface ItemError {
  index: number;
  field: string;
  message: string;
}

export interface IngestRouteOptions {
  engine: Engine;
  clock: Clock;
  writeKey: () => string;
  /** Called after events were accepted (e.g. to wake the scheduler). */
  afterIngest?: () => void;
}

/**
 * The Segment-compatible tracking API: `POST /v1/track`, `/v1/identify`, `/v1/batch`.
 * The real `@segment/analytics-node` client works against it unchanged. A batch is all or
 * nothing: one bad item rejects it with every item's errors, and nothing is written.
 */
export function ingestRoutes(options: IngestRouteOptions): Route[] {
  const queue = createIngestQueue(options.engine, options.afterIngest);
  const handle = (kind: 'track' | 'identify' | 'batch') => async (ctx: RouteContext) => {
    const { req, res } = ctx;
    let body: string;
    try {
      body = await readBody(req, kind === 'batch' ? BATCH_LIMIT : SINGLE_LIMIT);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return sendJson(res, 413, { success: false, error: 'payload_too_large', message: error.message });
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return sendJson(res, 400, { success: false, error: 'invalid_json', message: 'The body is not valid JSON' });
    }
    if (!authorized(req.headers.authorization, json, options.writeKey())) {
      res.setHeader('www-authenticate', 'Basic realm="DripAgent"');
      return sendJson(res, 401, { success: false, error: 'unauthorized', message: 'Wrong or missing write key' });
    }
    const items = kind === 'batch' ? (json as { batch?: unknown }).batch : [{ ...(json as object), type: kind }];
    if (!Array.isArray(items)) {
      return sendJson(res, 400, {
        success: false,
        error: 'invalid_events',
        errors: [{ index: -1, field: 'batch', message: 'must be an array' }],
      });
    }
    const now = options.clock.now();
    const events: UserEvent[] = [];
    const errors: ItemError[] = [];
    items.forEach((raw, index) => {
      const parsed = parseSegmentEvent(raw, index, {
        defaultTime: now,
        latestTime: now + MAX_FUTURE_MS,
        fallbackMessageId: (r) => contentMessageId({ ...(r as object), receivedAt: now }),
      });
      if (parsed.ok) events.push(parsed.event);
      else for (const e of parsed.errors) errors.push({ index, ...e });
    });
    if (errors.length > 0) return sendJson(res, 400, { success: false, error: 'invalid_events', errors });
    const result = await queue.submit(events);
    sendJson(res, 200, { success: true, ...result });
  };
  return [
    { method: 'POST', path: '/v1/track', handle: handle('track') },
    { method: 'POST', path: '/v1/identify', handle: handle('identify') },
    { method: 'POST', path: '/v1/batch', handle: handle('batch') },
  ];
}

/** Basic auth with the write key as user name (Segment's scheme), or `writeKey` in the body. */
function authorized(header: string | undefined, body: unknown, key: string): boolean {
  let given: string | undefined;
  if (header?.startsWith('Basic ')) {
    given = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')[0];
  } else if (body && typeof body === 'object' && typeof (body as { writeKey?: unknown }).writeKey === 'string') {
    given = (body as { writeKey: string }).writeKey;
  }
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}
