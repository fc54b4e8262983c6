import type pg from 'pg';
import type { Clock } from '../../engine/clock';
import type { OutboxRow } from '../../store/outbox-repo';
import {
  CLAIM_MS,
  claimDue,
  nextDue,
  type Outcome,
  type Refusal,
  recordHandoff,
  recordOutcome,
  recoverHandoffs,
  refusalsOf,
  releaseClaims,
} from '../../store/pg/outbox-claims';
import { batchSuppressions } from '../../store/pg/suppression-rows';
import { inTransaction } from '../../store/pg/transaction';
import { type Sql, writeRows } from '../../store/pg/user-rows';
import type { SendingRate } from '../settings/sending-rate';
import { batchSuppressionRules } from '../suppression/batch-rules';
import { suppressionWords } from '../suppression/suppressions';
import { composeOutboxEmail, type OutboxComposing } from './compose';
import { classifySmtpError, type DeliveryResult } from './delivery-result';
import { createInFlightWait } from './in-flight-wait';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelay } from './retry';
import type { OutboxSender } from './sender';
import type { MailTransport } from './transport';
import { DEFAULT_WEBHOOK_TIMEOUT_MS, postWebhook, type WebhookRequest } from './webhook';

export interface PgSenderOptions extends OutboxComposing {
  pool: pg.Pool;
  /** Names this sender's claims (the engine id). */
  senderId: string;
  /** The engine's clock: rows are due in the engine's time. */
  clock: Clock;
  /**
   * Where emails go (or how to find out, as settings change); null when no SMTP server is set:
   * webhooks are still called, emails wait.
   */
  transport: MailTransport | null | (() => MailTransport | null);
  emailConcurrency?: number;
  webhookConcurrency?: number;
  /** Longest sleep between looks at the outbox when nobody pokes. */
  pollMs?: number;
  retry?: RetryPolicy;
  webhookTimeoutMs?: number;
  postWebhook?: (request: WebhookRequest, timeoutMs: number, cancel: AbortSignal) => Promise<DeliveryResult>;
  random?: () => number;
  /** How long a claim lasts (CLAIM_MS); shorter only in tests of a sender that dies. */
  claimMs?: number;
  /** How often to look for handoffs a dead sender left (every 10 s). */
  recoverEveryMs?: number;
  /** The sending rate limit, shared by every sender on the database; none by default. */
  rate?: () => SendingRate;
}

const DEFAULTS = { emailConcurrency: 20, webhookConcurrency: 10, pollMs: 2000 };
/** How often a sender looks for handoffs a crashed sender left (its claims run out first). */
const RECOVER_EVERY_MS = 10_000;
const KINDS = ['email', 'webhook'] as const;

/**
 * Drains the outbox on PostgreSQL, one of several senders (one per engine): each takes due rows
 * with a claim (see outbox-claims.ts), so every row is delivered by one sender, and records the
 * handoff before an email's final `.` only while its claim holds, so a sender cut off from the
 * database, or whose claim ran out, abandons the message rather than risk a second copy. The
 * Message-ID (from the row's key) and a webhook's Idempotency-Key are the same on every attempt.
 */
export function createPgSender(options: PgSenderOptions): OutboxSender {
  const { pool, clock, senderId } = options;
  const given = options.transport;
  const transportNow = typeof given === 'function' ? given : () => given;
  const limits = {
    email: options.emailConcurrency ?? DEFAULTS.emailConcurrency,
    webhook: options.webhookConcurrency ?? DEFAULTS.webhookConcurrency,
  };
  const pollMs = options.pollMs ?? DEFAULTS.pollMs;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const webhookTimeoutMs = options.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const post = options.postWebhook ?? postWebhook;
  const claimMs = options.claimMs ?? CLAIM_MS;
  const recoverEveryMs = options.recoverEveryMs ?? RECOVER_EVERY_MS;
  const inFlight = { email: 0, webhook: 0 };
  const counters = { sent: 0, retried: 0, failed: 0 };
  let running = false;
  let pumping: Promise<void> | undefined;
  let again = false;
  let pumps = 0;
  let lastRecover = 0;
  let timer: NodeJS.Timeout | undefined;
  let cancelWebhooks = new AbortController();
  let idleWaiters: (() => void)[] = [];
  const inFlightCount = () => inFlight.email + inFlight.webhook;
  /** What this sender delivers: emails only with a server to send them to. */
  const kinds = (): readonly OutboxRow['kind'][] => (transportNow() ? KINDS : ['webhook']);
  /**
   * Rows are claimed once half the slots of their kind are free, not one as each send ends: every
   * claim walks the due index and writes its rows, so ten at a time cost about what one does.
   */
  const hungry = (kind: OutboxRow['kind']) => inFlight[kind] <= limits[kind] / 2;
  const inFlightWait = createInFlightWait(inFlightCount);

  /** The outcome of an attempt, as the SQLite sender decides it (retry policy, give up after the last). */
  function outcomeOf(row: OutboxRow, result: DeliveryResult): Outcome {
    const now = clock.now();
    if (result.outcome === 'sent') return { status: 'sent', at: now };
    const attempts = row.attempts + 1;
    if (result.outcome === 'transient' && attempts < retry.maxAttempts) {
      return { status: 'retry', error: result.error, nextAttemptAt: now + retryDelay(attempts, retry, options.random) };
    }
    const error = result.outcome === 'transient' ? `Gave up after ${attempts} attempts: ${result.error}` : result.error;
    return { status: 'failed', error, at: now };
  }

  async function finish(row: OutboxRow, result: DeliveryResult | 'cancelled'): Promise<void> {
    try {
      if (result !== 'cancelled') {
        const outcome = outcomeOf(row, result);
        // The outcome and the bounce it reported together, and only while the claim holds.
        const recorded = await inTransaction(pool, async (sql) => {
          if (!(await recordOutcome(sql, senderId, row.id, outcome))) return false;
          if (result.outcome !== 'sent' && result.bounce) await recordBounce(sql, row, result.bounce, result.error);
          return true;
        });
        if (recorded) {
          if (outcome.status === 'sent') counters.sent++;
          else if (outcome.status === 'retry') counters.retried++;
          else counters.failed++;
        }
      }
    } catch (error) {
      // The database went away: the claim runs out and another sender (or this one) takes the row again.
      console.error(`Could not record the delivery of outbox row ${row.id}:`, error);
    }
    inFlight[row.kind]--;
    inFlightWait.settled();
    schedulePump();
  }

  /** A refusal of the recipient: a hard bounce suppresses the address in every journey, a soft one counts. */
  async function recordBounce(sql: Sql, row: OutboxRow, bounce: 'hard' | 'soft', detail: string): Promise<void> {
    if (row.payload.kind !== 'email') return;
    const batch = await batchSuppressions(sql, [row.payload.to]);
    const { suppressions, journal } = batchSuppressionRules(batch, clock);
    const input = { address: row.payload.to, userId: row.userId, source: 'smtp', detail };
    if (bounce === 'hard') suppressions.suppress({ ...input, reason: 'bounced' });
    else suppressions.softBounce(input);
    await batch.write(sql);
    await writeRows(sql, { runs: [], outbox: [], skips: [], journal, profiles: [] }, clock.now());
  }

  function send(row: OutboxRow): void {
    inFlight[row.kind]++;
    if (row.kind === 'webhook') {
      if (row.payload.kind !== 'webhook') throw new Error(`Outbox row ${row.id} is not a webhook`);
      const { url, body, headers } = row.payload;
      const cancel = cancelWebhooks.signal;
      post({ url, body, headers, key: row.key }, webhookTimeoutMs, cancel).then(
        (result) => finish(row, cancel.aborted ? 'cancelled' : result),
        (error: unknown) => finish(row, cancel.aborted ? 'cancelled' : { outcome: 'transient', error: String(error) }),
      );
      return;
    }
    let message: ReturnType<typeof composeOutboxEmail>;
    try {
      message = composeOutboxEmail(row, options, clock.now());
    } catch (error) {
      void finish(row, { outcome: 'permanent', error: `Could not build the message: ${(error as Error).message}` });
      return;
    }
    const transport = transportNow();
    if (!transport) {
      // The server was removed after the claim: tried again later, like a server that did not answer.
      void finish(row, { outcome: 'transient', error: 'No SMTP server is set' });
      return;
    }
    transport.send(
      message,
      { beforeDot: () => recordHandoff(pool, senderId, row.id, clock.now()) },
      (error) => void finish(row, error ? classifySmtpError(error) : { outcome: 'sent' }),
    );
  }

  /** Refused emails (unsubscribed, suppressed) are recorded as failed without a send. */
  async function start(row: OutboxRow, reason: Refusal | undefined): Promise<void> {
    const refused = reason?.unsubscribed
      ? 'Not sent: the user unsubscribed'
      : reason?.suppression
        ? `Not sent: ${suppressionWords(reason.suppression)}`
        : undefined;
    if (refused) {
      inFlight[row.kind]++;
      await finish(row, { outcome: 'permanent', error: refused });
      return;
    }
    send(row);
  }

  async function pumpOnce(): Promise<boolean> {
    pumps++;
    if (Date.now() - lastRecover >= recoverEveryMs) {
      lastRecover = Date.now();
      counters.sent += await recoverHandoffs(pool);
    }
    let claimed = 0;
    for (const kind of kinds()) {
      if (!hungry(kind)) continue;
      const free = limits[kind] - inFlight[kind];
      const rows = await claimDue(pool, senderId, kind, clock.now(), free, claimMs, options.rate?.());
      claimed += rows.length;
      const refusals = await refusalsOf(pool, rows);
      for (const row of rows) await start(row, refusals.get(row.id));
    }
    return claimed > 0;
  }

  async function pump(): Promise<void> {
    try {
      do {
        again = false;
        if (!running) return;
        if (await pumpOnce()) again = true;
      } while (again && running && kinds().some(hungry));
      if (inFlightCount() === 0) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
      }
      // While messages are in flight, their completions pump again; only an idle sender looks up
      // when the next row falls due (and polls for rows other engines queued).
      if (inFlightCount() > 0) return;
      const next = await nextDue(pool, kinds());
      sleep(next === null ? pollMs : Math.min(pollMs, Math.max(1, next - clock.now())));
    } catch (error) {
      console.error('The outbox sender failed to read the outbox:', error);
      sleep(pollMs);
    }
  }

  function schedulePump(): void {
    if (!running) return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = pump().finally(() => {
      pumping = undefined;
      if (again && running) schedulePump();
    });
  }

  function sleep(ms: number): void {
    clearTimeout(timer);
    timer = setTimeout(schedulePump, Math.max(1, ms));
    timer.unref();
  }

  return {
    start() {
      if (running) return;
      running = true;
      cancelWebhooks = new AbortController();
      schedulePump();
    },
    poke: () => schedulePump(),
    async stop() {
      if (!running) return;
      running = false;
      clearTimeout(timer);
      cancelWebhooks.abort();
      await pumping;
      await inFlightWait.wait();
      await releaseClaims(pool, senderId).catch(() => {});
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
    },
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        schedulePump();
      }),
    stats: () => ({ inFlight: inFlightCount(), queued: 0, ...counters, pumps }),
  };
}
