import { timingSafeEqual } from 'node:crypto';
import type { UserEvent } from '../../shared/engine/types';
import { BodyTooLargeError, readBody, sendJson } from '../api/http/respond';
import type { Route, RouteContext } from '../api/http/router';
import type { Clock } from './clock';
import type { Engine, IngestResult } from './engine';
import { createIngestQueue } from './ingest-queue';
import { contentMessageId, parseSegmentEvent } from './segment';

/** Segment's own limits: 32 KB for one call, 500 KB for a batch. We allow a little more for a batch. */
export const SINGLE_LIMIT = 32 * 1024;
export const BATCH_LIMIT = 1024 * 1024;
/** Items per batch: Segment's libraries send at most a few hundred (500 KB). */
export const MAX_BATCH_ITEMS = 2500;
/** Item problems listed in one answer; `invalid` says how many items had one. */
const MAX_REPORTED_ERRORS = 100;
/** Timestamps further ahead than this are refused: a wrong clock would schedule mail far in the future. */
const MAX_FUTURE_MS = 24 * 3_600_000;

/** One refused item: where (batch index, field) and why. `message` repeats `reason` for older clients. */
export interface ItemError {
  index: number;
  field: string;
  reason: string;
  message: string;
}

/**
 * Segment calls DripAgent has no use for. Segment libraries put them in the same batch as tracks,
 * so they are accepted and counted as `ignored` rather than failing the whole batch.
 */
const IGNORED_TYPES = new Set(['page', 'screen', 'group']);
type Kind = 'track' | 'identify' | 'batch' | 'page' | 'screen' | 'group' | 'alias';

export interface IngestRouteOptions {
  /** SQLite's engine: requests are group-committed through an ingest queue. */
  engine?: Engine;
  /** Or stores one request's events itself (the PostgreSQL engine, which batches per request). */
  submit?: (events: readonly UserEvent[]) => Promise<IngestResult>;
  clock: Clock;
  writeKey: () => string;
  /** Called after events were accepted (e.g. to wake the scheduler). */
  afterIngest?: () => void;
  /** Sync each commit to disk before acknowledging (DRIPAGENT_SYNC=full). */
  durable?: boolean;
}

/**
 * The Segment-compatible tracking API: `POST /v1/track`, `/v1/identify`, `/v1/batch` (and
 * `/v1/alias`, which joins an anonymousId's calls to a user, and `/v1/page`, `/v1/screen`,
 * `/v1/group`, accepted and ignored). A call with only an anonymousId is kept until an identify
 * or alias names its user (see anonymous.ts).
 * The real `@segment/analytics-node` client works against it unchanged. A batch is all or
 * nothing: one bad item rejects it with every item's errors, and nothing is written.
 */
export function ingestRoutes(options: IngestRouteOptions): Route[] {
  if (!options.submit && !options.engine) throw new Error('ingestRoutes needs an engine or a submit function');
  const submit =
    options.submit ?? createIngestQueue(options.engine as Engine, options.afterIngest, options.durable).submit;
  // Refusals that may leave the body unread close the connection, so a keep-alive client's next
  // request starts on a clean socket instead of after a half-read body.
  const unauthorized = (ctx: RouteContext) => {
    ctx.res.setHeader('www-authenticate', 'Basic realm="DripAgent"');
    ctx.res.setHeader('connection', 'close');
    sendJson(ctx.res, 401, { success: false, error: 'unauthorized', message: 'Wrong or missing write key' });
  };
  const handle = (kind: Kind) => async (ctx: RouteContext) => {
    const { req, res } = ctx;
    // A wrong Basic key is refused before the body is read; otherwise the key may be in the body.
    const header = req.headers.authorization?.startsWith('Basic ') ? req.headers.authorization : undefined;
    if (header !== undefined && !authorized(header, undefined, options.writeKey())) return unauthorized(ctx);
    let body: string;
    try {
      body = await readBody(req, kind === 'batch' ? BATCH_LIMIT : SINGLE_LIMIT, res);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      if (header === undefined) return unauthorized(ctx);
      res.setHeader('connection', 'close');
      return sendJson(res, 413, { success: false, error: 'payload_too_large', message: error.message });
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      if (header === undefined) return unauthorized(ctx);
      return sendJson(res, 400, { success: false, error: 'invalid_json', message: 'The body is not valid JSON' });
    }
    if (header === undefined && !authorized(undefined, json, options.writeKey())) return unauthorized(ctx);
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      return sendJson(res, 400, {
        success: false,
        error: 'invalid_events',
        errors: [itemError(-1, '(root)', 'the body must be a JSON object')],
      });
    }
    const items = kind === 'batch' ? (json as { batch?: unknown }).batch : [{ ...json, type: kind }];
    if (!Array.isArray(items)) {
      return sendJson(res, 400, {
        success: false,
        error: 'invalid_events',
        errors: [itemError(-1, 'batch', 'must be an array')],
      });
    }
    if (items.length > MAX_BATCH_ITEMS) {
      return sendJson(res, 400, {
        success: false,
        error: 'invalid_events',
        errors: [itemError(-1, 'batch', `has ${items.length} items; send at most ${MAX_BATCH_ITEMS} per batch`)],
      });
    }
    const now = options.clock.now();
    const events: UserEvent[] = [];
    const errors: ItemError[] = [];
    let invalidItems = 0;
    let ignored = 0;
    items.forEach((raw, index) => {
      if (IGNORED_TYPES.has((raw as { type?: unknown } | null)?.type as string)) {
        ignored++;
        return;
      }
      const parsed = parseSegmentEvent(raw, index, {
        defaultTime: now,
        latestTime: now + MAX_FUTURE_MS,
        fallbackMessageId: (r) => contentMessageId({ ...(r as object), receivedAt: now }),
      });
      if (parsed.ok) events.push(parsed.event);
      else {
        invalidItems++;
        // The answer stays small whatever was sent: the first problems, and how many items had one.
        for (const e of parsed.errors)
          if (errors.length < MAX_REPORTED_ERRORS) errors.push(itemError(index, e.field, e.message));
      }
    });
    if (invalidItems > 0) {
      return sendJson(res, 400, { success: false, error: 'invalid_events', invalid: invalidItems, errors });
    }
    let result: IngestResult = { accepted: 0, duplicates: 0 };
    if (events.length > 0) {
      try {
        result = await submit(events);
      } catch (error) {
        // Only this request's own events failed (the queue retries a failed group request by
        // request): say so to this client; nothing of it was stored.
        const unavailable = isStoreUnavailable(error);
        console.error('Events could not be stored:', error);
        return sendJson(res, unavailable ? 503 : 400, {
          success: false,
          error: unavailable ? 'unavailable' : 'not_stored',
          message: unavailable
            ? 'The event store is busy or full; nothing was stored: retry later'
            : `These events could not be stored, and nothing of them was: ${(error as Error).message}`,
        });
      }
    }
    sendJson(res, 200, { success: true, ...result, ...(ignored > 0 ? { ignored } : {}) });
  };
  const kinds: Kind[] = ['track', 'identify', 'batch', 'page', 'screen', 'group', 'alias'];
  return [...kinds.map((kind): Route => ({ method: 'POST', path: `/v1/${kind}`, handle: handle(kind) })), wrongMethod];
}

/** A browser or a mistyped client GETting the tracking API gets a JSON answer, not the app's page. */
const wrongMethod: Route = {
  method: 'GET',
  path: '/v1/*',
  handle({ res, url }) {
    res.setHeader('allow', 'POST');
    sendJson(res, 405, {
      success: false,
      error: 'method_not_allowed',
      message: `${url.pathname} takes POST requests with a JSON body (Segment's tracking API), e.g. POST /v1/track`,
    });
  },
};

/** The code a store gives an error that is about itself (not the events) when its driver gave none. */
export const STORE_UNAVAILABLE = 'STORE_UNAVAILABLE';

/**
 * Errors that are about the store, not the events, so the client should retry: SQLite's busy or
 * full database, PostgreSQL's lost connections (class 08), lack of resources (53), shutdowns and
 * timeouts (57), lock timeouts and retried-out conflicts (55P03, 40…), and sockets that failed.
 */
function isStoreUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return (
    typeof code === 'string' &&
    (/^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN|READONLY)/.test(code) ||
      /^(08|53|57|40)[0-9A-Z]{3}$|^55P03$/.test(code) ||
      /^E(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT|HOSTUNREACH)$/.test(code) ||
      code === STORE_UNAVAILABLE)
  );
}

function itemError(index: number, field: string, reason: string): ItemError {
  return { index, field, reason, message: reason };
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
