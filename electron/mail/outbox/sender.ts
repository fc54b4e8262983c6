import type { Clock } from '../../engine/clock';
import type { Store } from '../../store';
import type { OutboxRow } from '../../store/outbox-repo';
import type { SendingRate } from '../settings/sending-rate';
import { type Suppressions, suppressionWords } from '../suppression/suppressions';
import type { TrackingLinks } from '../tracking/tracking-links';
import type { UnsubscribeLinks } from '../unsubscribe/unsubscribe-links';
import { composeOutboxEmail } from './compose';
import { classifySmtpError, type DeliveryResult } from './delivery-result';
import { createInFlightWait } from './in-flight-wait';
import { createRateLimiter } from './rate-limiter';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelay } from './retry';
import { createSenderLease, type SenderLease } from './sender-lease';
import type { MailTransport } from './transport';
import { DEFAULT_WEBHOOK_TIMEOUT_MS, postWebhook, type WebhookRequest } from './webhook';

export interface OutboxSenderOptions {
  store: Pick<Store, 'outbox' | 'unsubscribes' | 'suppressions' | 'handoffs' | 'meta' | 'transaction'>;
  /** The engine's clock: outbox rows are due in the engine's time. */
  clock: Clock;
  transport: MailTransport;
  links: UnsubscribeLinks;
  /** Rewrites links for click tracking (and adds the open pixel); without it emails go out as written. */
  tracking?: TrackingLinks;
  /** Whether links may be rewritten now (the host has an address recipients reach); always when absent. */
  trackLinks?: () => boolean;
  /** Records bounces (a 5xx suppresses the address, 4xx are counted); without it they are only retried or failed. */
  suppressions?: Pick<Suppressions, 'suppress' | 'softBounce'>;
  /** The sending rate limit (cached by the caller: read before every email); none by default. */
  rate?: () => SendingRate;
  /** Emails in flight at once; the nodemailer pool queues them over its connections. */
  emailConcurrency?: number;
  webhookConcurrency?: number;
  /** Rows read per query. */
  batchSize?: number;
  /** Longest sleep between looks at the outbox when nobody pokes. */
  pollMs?: number;
  retry?: RetryPolicy;
  webhookTimeoutMs?: number;
  /** Replaceable for tests; the real one POSTs with fetch. */
  postWebhook?: (request: WebhookRequest, timeoutMs: number, cancel: AbortSignal) => Promise<DeliveryResult>;
  /** Called after each attempt is recorded, e.g. to journal "email X sent" or push a refresh. */
  onResult?: (row: OutboxRow, result: DeliveryResult, retryAt: number | null) => void;
  /** Take the one-sender-per-data-folder lease (default true); tests of one store may skip it. */
  useLease?: boolean;
  random?: () => number;
}

export interface OutboxSender {
  start(): void;
  /** New rows were committed: look now instead of at the next poll. */
  poke(): void;
  /** Stops taking rows and resolves once the messages in flight are recorded. */
  stop(): Promise<void>;
  /** Resolves when nothing is due and nothing is in flight (for tests and benches). */
  idle(): Promise<void>;
  /** `pumps`: how many times it has looked at the outbox, so a caller can wait for the next look. */
  stats(): { inFlight: number; queued: number; sent: number; retried: number; failed: number; pumps: number };
}

const DEFAULTS = { emailConcurrency: 20, webhookConcurrency: 10, batchSize: 200, pollMs: 2000 };
/** Bounds the rows held in memory when one kind is slow and the other is plentiful. */
const MAX_KNOWN = 2000;
const UNSUBSCRIBED = 'Not sent: the user unsubscribed';
const UNLIMITED = (): SendingRate => ({ perMinute: null, perHour: null });
const KINDS = ['email', 'webhook'] as const;
const STARVED_RECHECK_MS = 1000;

/**
 * Drains the outbox: emails through nodemailer, webhooks by HTTP POST.
 *
 * Emails are delivered at most once, even across a crash: right before the final `.` of DATA goes
 * out (the point after which the server may accept the message) the row is recorded as handed off,
 * in its own commit. The server's reply then records it as sent, retried or failed. A handoff still
 * open at the next start was cut off by a crash after the server could have accepted it, so it is
 * counted as sent, never resent. The price is that a crash in the microseconds between that commit
 * and the `.` reaching the socket loses the message instead of duplicating it.
 * @example
 * const sender = createOutboxSender({ store, clock: systemClock, transport, links });
 * sender.start(); store.outbox.add(item, Date.now()); sender.poke(); await sender.stop();
 */
export function createOutboxSender(options: OutboxSenderOptions): OutboxSender {
  const { store, clock, transport } = options;
  const emailConcurrency = options.emailConcurrency ?? DEFAULTS.emailConcurrency;
  const webhookConcurrency = options.webhookConcurrency ?? DEFAULTS.webhookConcurrency;
  const batchSize = options.batchSize ?? DEFAULTS.batchSize;
  const pollMs = options.pollMs ?? DEFAULTS.pollMs;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const webhookTimeoutMs = options.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const post = options.postWebhook ?? postWebhook;
  const lease: SenderLease | undefined =
    options.useLease === false ? undefined : createSenderLease(store.meta, store.transaction);

  const limiter = createRateLimiter(options.rate ?? UNLIMITED, (since) => store.outbox.sentSince(since));
  /** When the rate limit holds emails back: the time the next one may go. */
  let rateWaitUntil: number | null = null;

  let running = false;
  /** Whether this sender held the lease at the last pump: recovery runs when it (re)gains it. */
  let holding = false;
  /** Aborted by stop(): a webhook cut short stays pending, unrecorded, for the next start. */
  let cancelWebhooks = new AbortController();
  /** Rows queued or in flight, by id: `due()` returns them again until they are recorded. */
  const known = new Map<number, OutboxRow>();
  const queues: Record<OutboxRow['kind'], OutboxRow[]> = { email: [], webhook: [] };
  const inFlight: Record<OutboxRow['kind'], number> = { email: 0, webhook: 0 };
  const limits: Record<OutboxRow['kind'], number> = { email: emailConcurrency, webhook: webhookConcurrency };
  const counters = { sent: 0, retried: 0, failed: 0 };
  /** True when the last read returned every due row: until poked or woken, another read finds nothing new. */
  let exhausted = false;
  /** Kinds the last read found too few of, and when that read was (wall clock). */
  const starved: Record<OutboxRow['kind'], boolean> = { email: false, webhook: false };
  let lastFillAt = 0;
  /** The outbox clock's time at the last read: rows due by then are known (queued or in flight). */
  let lastReadAt = Number.NEGATIVE_INFINITY;
  let pumpQueued = false;
  let timer: NodeJS.Timeout | undefined;
  let waiters: { idle: () => void }[] = [];

  const inFlightCount = () => inFlight.email + inFlight.webhook;
  const inFlightWait = createInFlightWait(inFlightCount);
  const queuedCount = () => queues.email.length + queues.webhook.length;

  /** Writes the outcome of an attempt; returns how it was counted, and when the next attempt is due. */
  function record(row: OutboxRow, result: DeliveryResult): { counted: keyof typeof counters; retryAt: number | null } {
    const now = clock.now();
    if (result.outcome === 'sent') {
      store.outbox.markSent(row.id, now);
      return { counted: 'sent', retryAt: null };
    }
    const attempts = row.attempts + 1;
    if (result.outcome === 'transient' && attempts < retry.maxAttempts) {
      const retryAt = now + retryDelay(attempts, retry, options.random);
      store.outbox.markRetry(row.id, result.error, retryAt);
      return { counted: 'retried', retryAt };
    }
    const error = result.outcome === 'transient' ? `Gave up after ${attempts} attempts: ${result.error}` : result.error;
    store.outbox.markFailed(row.id, error, now);
    return { counted: 'failed', retryAt: null };
  }

  /** An attempt's outcome with the bounce it reported: both or neither (see recordFinished). */
  function recordWithBounce(row: OutboxRow, result: DeliveryResult) {
    if (result.outcome !== 'sent' && result.bounce) recordBounce(row, result.bounce, result.error);
    if (row.kind === 'email') store.handoffs.remove(row.id);
    return record(row, result);
  }

  /** Attempts that ended and are not recorded yet: written together on the next turn of the event loop. */
  let finished: { row: OutboxRow; result: DeliveryResult }[] = [];

  function finish(row: OutboxRow, result: DeliveryResult | 'cancelled'): void {
    if (result === 'cancelled') {
      settle([row]);
      return;
    }
    // The first of a turn schedules the write; the rest join it.
    if (finished.push({ row, result }) === 1) setImmediate(recordFinished);
  }

  /**
   * Records the attempts that ended since the last turn in one transaction: a commit costs about
   * as much as the rows it writes, and at hundreds of emails a second one per email was a tenth of
   * the host's main thread. A row stays known (never read again as due) until its outcome is
   * written; a crash before that leaves an email's handoff, which counts it as sent at the next start.
   */
  function recordFinished(): void {
    const group = finished;
    finished = [];
    let recorded: (ReturnType<typeof record> | undefined)[];
    try {
      recorded = store.transaction(() => group.map(({ row, result }) => recordWithBounce(row, result)));
    } catch {
      // One row's outcome failed the shared transaction: each on its own, so only that one stays pending.
      recorded = group.map(({ row, result }) => {
        try {
          return store.transaction(() => recordWithBounce(row, result));
        } catch (error) {
          // Only when the database went away under us (closed during shutdown): the row stays pending.
          console.error(`Could not record the delivery of outbox row ${row.id}:`, error);
          return undefined;
        }
      });
    }
    group.forEach(({ row, result }, i) => {
      const outcome = recorded[i];
      if (!outcome) return;
      counters[outcome.counted]++;
      try {
        options.onResult?.(row, result, outcome.retryAt);
      } catch (error) {
        // A listener's failure is not the delivery's: the outcome is written, the slots are freed below.
        console.error(`A listener failed on the delivery of outbox row ${row.id}:`, error);
      }
    });
    settle(group.map(({ row }) => row));
  }

  /** The rows' attempts are over: their slots are free and they may be read again. */
  function settle(rows: readonly OutboxRow[]): void {
    for (const row of rows) {
      inFlight[row.kind]--;
      known.delete(row.id);
    }
    inFlightWait.settled();
    schedulePump();
  }

  /** A refusal of the recipient: a hard bounce suppresses the address in every journey, a soft one counts. */
  function recordBounce(row: OutboxRow, bounce: 'hard' | 'soft', detail: string): void {
    if (row.payload.kind !== 'email' || !options.suppressions) return;
    const input = { address: row.payload.to, userId: row.userId, source: 'smtp', detail };
    if (bounce === 'hard') options.suppressions.suppress({ ...input, reason: 'bounced' });
    else options.suppressions.softBounce(input);
  }

  function sendEmail(row: OutboxRow): void {
    const message = composeOutboxEmail(row, options, clock.now());
    transport.send(
      message,
      () => store.handoffs.add(row.id, clock.now()),
      (error) => finish(row, error ? classifySmtpError(error) : { outcome: 'sent' }),
    );
  }

  function sendWebhook(row: OutboxRow): void {
    if (row.payload.kind !== 'webhook') throw new Error(`Outbox row ${row.id} is not a webhook`);
    const { url, body, headers } = row.payload;
    const cancel = cancelWebhooks.signal;
    post({ url, body, headers, key: row.key }, webhookTimeoutMs, cancel).then(
      (result) => finish(row, cancel.aborted ? 'cancelled' : result),
      (error: unknown) => finish(row, cancel.aborted ? 'cancelled' : { outcome: 'transient', error: String(error) }),
    );
  }

  /** Why an email must not go out whatever the outbox says, or undefined. */
  function refusal(row: OutboxRow): string | undefined {
    if (row.payload.kind !== 'email') return undefined;
    if (store.unsubscribes.has(row.userId)) return UNSUBSCRIBED;
    const suppressed = row.payload.to ? store.suppressions.get(row.payload.to) : undefined;
    return suppressed ? `Not sent: ${suppressionWords(suppressed)}` : undefined;
  }

  function start(row: OutboxRow, refused: string | undefined): void {
    if (refused) {
      known.delete(row.id);
      store.outbox.markFailed(row.id, refused, clock.now());
      counters.failed++;
      options.onResult?.(row, { outcome: 'permanent', error: refused }, null);
      return;
    }
    inFlight[row.kind]++;
    try {
      if (row.kind === 'email') sendEmail(row);
      else sendWebhook(row);
    } catch (error) {
      finish(row, { outcome: 'permanent', error: `Could not build the message: ${(error as Error).message}` });
    }
  }

  function fill(): void {
    const limit = known.size + batchSize;
    // Ids first: most due rows are already known (queued or in flight), and reading and parsing
    // their payloads again on every poke cost more than the sending while a backlog drains.
    lastReadAt = clock.now();
    const ids = store.outbox.dueIds(lastReadAt, limit);
    for (const id of ids) {
      if (known.has(id)) continue;
      const row = store.outbox.get(id);
      if (row?.status !== 'pending') continue;
      known.set(row.id, row);
      queues[row.kind].push(row);
    }
    exhausted = ids.length < limit;
    lastFillAt = Date.now();
    for (const kind of KINDS) starved[kind] = queues[kind].length < limits[kind];
  }

  /**
   * Reading the outbox again only helps a kind whose queue runs low and that the last read did
   * not leave starved: when 5,000 emails are due, every read finds no webhooks, and rereading the
   * rows in memory on each completion would cost more than the sending. A starved kind looks again
   * once a second.
   */
  function needsFill(): boolean {
    if (exhausted || known.size >= MAX_KNOWN) return false;
    const retryStarved = Date.now() - lastFillAt >= STARVED_RECHECK_MS;
    return KINDS.some((kind) => queues[kind].length < limits[kind] && (!starved[kind] || retryStarved));
  }

  function dispatch(): void {
    rateWaitUntil = null;
    for (const kind of KINDS) {
      const queue = queues[kind];
      let taken = 0;
      while (taken < queue.length && inFlight[kind] < limits[kind]) {
        const row = queue[taken] as OutboxRow;
        const refused = refusal(row);
        // Refused emails cost no slot of the rate limit; the rest wait for one.
        if (kind === 'email' && !refused && !limiter.take(clock.now())) {
          rateWaitUntil = limiter.nextSlotAt(clock.now());
          break;
        }
        taken++;
        start(row, refused);
      }
      if (taken > 0) queue.splice(0, taken);
    }
  }

  /** Handoffs left by a crash (ours or a previous holder's): the server may have the message, so it counts as sent. */
  function recoverHandoffs(): void {
    store.transaction(() => {
      for (const { outboxId, at } of store.handoffs.all()) {
        if (known.has(outboxId)) continue;
        if (store.outbox.get(outboxId)?.status === 'pending') {
          store.outbox.markSent(outboxId, at);
          counters.sent++;
        }
        store.handoffs.remove(outboxId);
      }
    });
  }

  let pumps = 0;
  function pump(): void {
    pumpQueued = false;
    if (!running) return;
    pumps++;
    try {
      const wasHolding = holding;
      holding = lease ? lease.hold() : true;
      if (holding && !wasHolding) recoverHandoffs();
      if (!holding) {
        // Another process sends for this data folder; forget what we read and check again later.
        known.clear();
        queues.email = [];
        queues.webhook = [];
        exhausted = false;
        resolveIdle();
        sleep(pollMs);
        return;
      }
      if (needsFill()) fill();
      dispatch();
    } catch (error) {
      console.error('The outbox sender failed to read the outbox:', error);
      sleep(pollMs);
      return;
    }
    if (inFlightCount() === 0 && queuedCount() === 0 && exhausted) resolveIdle();
    sleepUntilNextDue();
  }

  function resolveIdle(): void {
    for (const waiter of waiters) waiter.idle();
    waiters = [];
  }

  function sleepUntilNextDue(): void {
    let delay = pollMs;
    if (exhausted) {
      const next = store.outbox.nextDue();
      const now = clock.now();
      // A row due by the last read is queued or in flight, and its completion pumps again. One that
      // came due since (time passes while we read) is picked up at once, not a poll later.
      if (next !== null && next > lastReadAt) delay = Math.min(pollMs, Math.max(1, next - now));
    }
    if (rateWaitUntil !== null) delay = Math.min(delay, Math.max(1, rateWaitUntil - clock.now()));
    sleep(delay);
  }

  function sleep(ms: number): void {
    clearTimeout(timer);
    timer = setTimeout(wake, Math.max(1, ms));
    timer.unref();
  }

  function wake(): void {
    exhausted = false;
    starved.email = false;
    starved.webhook = false;
    schedulePump();
  }

  function schedulePump(): void {
    if (pumpQueued || !running) return;
    pumpQueued = true;
    setImmediate(pump);
  }

  return {
    start() {
      if (running) return;
      running = true;
      cancelWebhooks = new AbortController();
      wake();
    },
    poke: () => wake(),
    async stop() {
      if (!running) return;
      running = false;
      clearTimeout(timer);
      // Emails finish (a message half through DATA is not worth a duplicate); webhooks may take 10 s.
      cancelWebhooks.abort();
      queues.email = [];
      queues.webhook = [];
      await inFlightWait.wait();
      known.clear();
      lease?.release();
      holding = false;
      resolveIdle();
    },
    idle: () =>
      new Promise<void>((resolve) => {
        waiters.push({ idle: resolve });
        wake();
      }),
    stats: () => ({ inFlight: inFlightCount(), queued: queuedCount(), ...counters, pumps }),
  };
}
