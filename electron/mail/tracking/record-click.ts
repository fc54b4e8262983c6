import { randomBytes } from 'node:crypto';
import type { UserEvent } from '../../../shared/engine/types';
import type { Clock } from '../../engine/clock';
import type { Store } from '../../store';
import { messageIdFor } from '../outbox/message-id';

/** A fetch this soon after delivery is a link scanner (security gateways open every link at once). */
export const SCANNER_WINDOW_MS = 1000;

export interface TrackedHit {
  kind: 'click' | 'open';
  outboxId: number;
  /** The original URL (clicks). */
  url?: string;
  /** `HEAD` requests are scanners checking a link, never a person. */
  method: string;
  userAgent: string;
  remoteAddress: string;
}

/** Apple's Mail Privacy Protection fetches images through Apple's 17.0.0.0/8 with a bare user agent. */
const isAppleProxy = (hit: TrackedHit) =>
  /^(::ffff:)?17\./.test(hit.remoteAddress) || hit.userAgent.trim() === 'Mozilla/5.0';

/** Why a hit is a machine's fetch rather than a person, or null for a person. */
export function prefetchReason(hit: TrackedHit, sentAt: number | null, now: number): string | null {
  if (hit.method === 'HEAD') return 'head';
  if (sentAt !== null && now - sentAt < SCANNER_WINDOW_MS) return 'too_soon';
  if (hit.kind === 'open' && isAppleProxy(hit)) return 'proxy';
  return null;
}

/**
 * Records a click (or open) of a tracked email: a row for the journey's report, and, when a person
 * did it, an ordinary stored event (`email_clicked` / `email_opened`) with the message, journey,
 * node and link in its properties, so journeys, People and metrics see it. Machine fetches are
 * counted apart (report rows with their reason) and make no event.
 */
export function createHitRecorder(deps: {
  store: Store;
  clock: Clock;
  ingest: (events: UserEvent[]) => void;
}): (hit: TrackedHit) => void {
  return (hit) => {
    const row = deps.store.outbox.get(hit.outboxId);
    if (row?.payload.kind !== 'email') return;
    const now = deps.clock.now();
    const prefetch = prefetchReason(hit, row.sentAt, now);
    const link = hit.url ?? '';
    deps.store.clicks.add({
      outboxId: row.id,
      userId: row.userId,
      journeyId: row.journeyId,
      nodeId: row.nodeId,
      kind: hit.kind,
      link,
      prefetch,
      at: now,
    });
    if (prefetch !== null) return;
    deps.ingest([
      {
        type: 'track',
        event: hit.kind === 'click' ? 'email_clicked' : 'email_opened',
        userId: row.userId,
        timestamp: now,
        messageId: `${hit.kind}:${row.id}:${now}:${randomBytes(6).toString('hex')}`,
        properties: {
          message_id: messageIdFor(row.key, row.payload.from),
          outbox_id: row.id,
          journey_id: row.journeyId,
          node_id: row.nodeId,
          subject: row.payload.subject,
          ...(hit.kind === 'click' ? { link } : {}),
        },
      },
    ]);
  };
}
