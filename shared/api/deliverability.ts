import { z } from 'zod';
import { defineHandlers } from './define';

const IsoTime = z.string();
const NoArgs = z.object({}).strict().default({});

export const SuppressionItem = z.object({
  address: z.string(),
  userId: z.string().nullable(),
  reason: z.enum(['bounced', 'complained']),
  /** `smtp` (a refusal at send), `event` (the tracking API), `postmark`, or `…, soft bounces`. */
  source: z.string(),
  detail: z.string(),
  at: IsoTime,
});
export type SuppressionItem = z.infer<typeof SuppressionItem>;

const CheckStatus = z.enum(['pass', 'fail', 'missing']);

/** One DNS record's verdict: what was found, advice in plain words, the exact record to add. */
export const RecordCheck = z.object({
  status: CheckStatus,
  record: z.string().nullable(),
  advice: z.string(),
  add: z.string().nullable(),
  warning: z.string().nullable(),
});
export type RecordCheck = z.infer<typeof RecordCheck>;

export const DomainReport = z.object({
  domain: z.string(),
  spf: RecordCheck,
  dkim: RecordCheck,
  dmarc: RecordCheck.extend({ policy: z.string().nullable() }),
  mx: RecordCheck,
});
export type DomainReport = z.infer<typeof DomainReport>;

export const DomainCheckResult = z.object({
  report: DomainReport,
  passed: z.boolean(),
  checkedAt: IsoTime,
  /** What DNS was compared against. */
  smtpHost: z.string().nullable(),
  selector: z.string().nullable(),
});
export type DomainCheckResult = z.infer<typeof DomainCheckResult>;

/** The sending rate limit; null is no limit. */
export const SendingRate = z
  .object({
    perMinute: z.number().int().min(1, 'must be at least 1').max(100_000).nullable(),
    perHour: z.number().int().min(1, 'must be at least 1').max(1_000_000).nullable(),
  })
  .strict();

/** A rendered email, as the email editor previews it. */
const RenderedEmail = z
  .object({
    subject: z.string().max(2000),
    html: z.string().max(500_000),
    text: z.string().max(500_000),
    /** The From the email step would use; the default From otherwise. */
    from: z.string().max(500).optional(),
  })
  .strict();

const SpamRule = z.object({ name: z.string(), points: z.number(), description: z.string() });

const ClickCount = z.object({
  nodeId: z.string(),
  kind: z.enum(['click', 'open']),
  link: z.string(),
  clicks: z.number().int(),
  people: z.number().int(),
  prefetches: z.number().int(),
});

/** Mail that lands: the sending domain, suppressions, clicks, spam score, test sends, the sending rate. */
export const deliverabilityApi = defineHandlers({
  /** Addresses no journey mails any more, newest first; `query` matches part of the address or user id. */
  'mail.suppressions.list': {
    request: z
      .object({
        query: z.string().max(200).default(''),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict()
      .default({ query: '', limit: 100, offset: 0 }),
    response: z.object({ items: z.array(SuppressionItem), total: z.number().int() }),
  },
  /** Mails the address again (a person asked, or the bounce was a mistake). */
  'mail.suppressions.remove': {
    request: z.object({ address: z.string().trim().min(1).max(320) }).strict(),
    response: z.object({ removed: z.boolean() }),
  },
  /** Every suppression as CSV (address, user_id, reason, source, detail, at). */
  'mail.suppressions.export': {
    request: NoArgs,
    response: z.object({ csv: z.string(), count: z.number().int() }),
  },
  /** Where Postmark posts bounces and spam complaints. */
  'mail.webhooks.get': {
    request: NoArgs,
    response: z.object({ postmarkUrl: z.string(), secretFromEnv: z.boolean() }),
  },
  /** The domain Settings suggests, the configuration it is checked against, the DNS servers and the last result. */
  'mail.domain.get': {
    request: NoArgs,
    response: z.object({
      suggestedDomain: z.string().nullable(),
      smtpHost: z.string().nullable(),
      selector: z.string().nullable(),
      dnsServers: z.array(z.string()),
      last: DomainCheckResult.nullable(),
    }),
  },
  /** Looks up SPF, DKIM, DMARC and MX now; `dns` (e.g. `1.1.1.1, 127.0.0.1:5353`) is saved for next time. */
  'mail.domain.check': {
    request: z
      .object({
        domain: z.string().trim().min(1).max(253),
        selector: z.string().trim().max(63).optional(),
        dns: z.string().max(500).optional(),
      })
      .strict(),
    response: DomainCheckResult,
  },
  /** SpamAssassin's score (when installed) and the built-in checks of a rendered email. */
  'mail.spam.check': {
    request: RenderedEmail,
    response: z.object({
      spamassassin: z.discriminatedUnion('available', [
        /** Not installed; or installed but it failed or took too long (`error` says what happened). */
        z.object({ available: z.literal(false), error: z.string().optional() }),
        z.object({
          available: z.literal(true),
          score: z.number(),
          required: z.number(),
          rules: z.array(SpamRule),
        }),
      ]),
      checks: z.array(z.object({ id: z.string(), message: z.string() })),
    }),
  },
  /** Sends a rendered email, marked as a test, to one address; never recorded in the outbox or metrics. */
  'mail.test.send': {
    request: RenderedEmail.extend({ to: z.string().trim().min(3).max(254) }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), messageId: z.string(), route: z.enum(['dev-inbox', 'smtp']) }),
      z.object({ ok: z.literal(false), error: z.string() }),
    ]),
  },
  'mail.rate.get': {
    request: NoArgs,
    response: SendingRate,
  },
  /** Saves and applies the sending rate limit (messages per minute and per hour; null for none). */
  'mail.rate.save': {
    request: SendingRate,
    response: SendingRate,
  },
  /** Clicks and opens per email step and link of a journey (machine fetches counted apart). */
  'mail.clicks.journey': {
    request: z.object({ journeyId: z.string().min(1) }).strict(),
    response: z.object({ counts: z.array(ClickCount) }),
  },
});
