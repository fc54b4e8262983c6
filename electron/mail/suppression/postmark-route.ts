import { z } from 'zod';
import { isSingleAddress } from '../../../shared/engine/email-address';
import { sameSecret } from '../../api/http/admin-auth';
import { BodyTooLargeError, readBody, sendError, sendJson } from '../../api/http/respond';
import type { Route } from '../../api/http/router';
import type { MetaRepo } from '../../store/meta-repo';
import { storedSecret } from '../settings/stored-secret';
import type { Suppressions } from './suppressions';

/** Chooses the secret of the provider webhook route; otherwise one is generated and kept in the data folder. */
export const WEBHOOK_SECRET_ENV = 'DRIPAGENT_WEBHOOK_SECRET';
const META_KEY = 'mail.webhook_secret';
/** Postmark posts one record per request; a bounce may carry the bounced message's dump. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The secret in the webhook's path: DRIPAGENT_WEBHOOK_SECRET, else generated once. */
export function webhookSecret(meta: MetaRepo, env: { DRIPAGENT_WEBHOOK_SECRET?: string }): string {
  return env.DRIPAGENT_WEBHOOK_SECRET?.trim() || storedSecret(meta, META_KEY, 24);
}

/**
 * The fields of Postmark's bounce and spam-complaint webhooks that matter here; the rest is ignored.
 * Other record types (Delivery, Open, Click…) name the recipient differently or not at all: they
 * are answered `ignored`, never refused, or Postmark would retry them.
 */
const PostmarkRecord = z
  .object({
    RecordType: z.string(),
    Type: z.string().optional(),
    Email: z.string().max(320).optional(),
    Description: z.string().max(2000).optional().nullable(),
    Details: z.string().max(2000).optional().nullable(),
  })
  .superRefine((record, ctx) => {
    const aboutAnAddress = record.RecordType === 'Bounce' || record.RecordType === 'SpamComplaint';
    if (aboutAnAddress && record.Email === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['Email'],
        message: `a ${record.RecordType} record names the address in Email`,
      });
    }
  });

/** Postmark bounce types that are about the address for good, and those that are passing. */
const HARD = new Set(['HardBounce', 'BadEmailAddress']);
const SOFT = new Set(['SoftBounce', 'Transient', 'DnsError']);

export type PostmarkOutcome = 'suppressed' | 'soft_bounce' | 'ignored';

/**
 * What one Postmark webhook record does: a hard bounce or a spam complaint suppresses the address
 * (`bounced` / `complained`), a soft bounce counts towards suppression, anything else is ignored.
 */
export function applyPostmarkRecord(
  record: z.infer<typeof PostmarkRecord>,
  suppressions: Pick<Suppressions, 'suppress' | 'softBounce'>,
): PostmarkOutcome {
  const address = record.Email?.trim() ?? '';
  if (!isSingleAddress(address)) return 'ignored';
  const detail = [record.Type, record.Description, record.Details].filter(Boolean).join(': ');
  const input = { address, userId: null, source: 'postmark', detail };
  if (record.RecordType === 'SpamComplaint' || record.Type === 'SpamComplaint') {
    suppressions.suppress({ ...input, reason: 'complained' });
    return 'suppressed';
  }
  if (record.RecordType !== 'Bounce') return 'ignored';
  if (record.Type && HARD.has(record.Type)) {
    suppressions.suppress({ ...input, reason: 'bounced' });
    return 'suppressed';
  }
  if (record.Type && SOFT.has(record.Type)) {
    suppressions.softBounce(input);
    return 'soft_bounce';
  }
  return 'ignored';
}

/**
 * `POST /webhooks/postmark/SECRET`: Postmark's bounce and spam-complaint webhooks. Public like
 * unsubscribe links, but only with the secret (401 otherwise); a body that is not a Postmark
 * record gets 400 naming what is wrong.
 */
export function postmarkRoute({
  secret,
  suppressions,
}: {
  secret: () => string;
  suppressions: Pick<Suppressions, 'suppress' | 'softBounce'>;
}): Route {
  return {
    method: 'POST',
    path: '/webhooks/postmark/:secret',
    async handle({ req, res, params }) {
      if (!sameSecret(params.secret ?? '', secret())) {
        return sendError(res, 'unauthorized', 'Wrong webhook secret: copy the URL from Settings → Sending domain');
      }
      let text: string;
      try {
        text = await readBody(req, MAX_BODY_BYTES, res);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        return sendError(res, 'invalid_payload', error.message, 413);
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return sendError(res, 'invalid_payload', 'The body is not JSON: expected a Postmark webhook record');
      }
      const parsed = PostmarkRecord.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.join('.') || 'body';
        return sendError(
          res,
          'invalid_payload',
          `Not a Postmark bounce or spam complaint: ${where}: ${issue?.message}`,
        );
      }
      sendJson(res, 200, { ok: true, outcome: applyPostmarkRecord(parsed.data, suppressions) });
    },
  };
}
