import { ApiHandlerError } from '../../shared/api/errors';
import { contentWarnings } from '../../shared/journey/content-checks';
import { type HandlerRegistry, registerAll } from '../api/registry';
import type { Clock } from '../engine/clock';
import type { Store } from '../store';
import { checkDomain } from './domain/check-domain';
import { createDnsLookup } from './domain/dns-lookup';
import {
  domainCheckContext,
  type LastDomainCheck,
  lastDomainCheck,
  saveDnsServers,
  saveDomainCheck,
  savedDnsServers,
} from './domain/domain-settings';
import { composeEmail } from './outbox/compose';
import { testMessage } from './outbox/test-message';
import type { MailService } from './service';
import { scoreWithSpamAssassin } from './spam/spamassassin';
import { WEBHOOK_SECRET_ENV } from './suppression/postmark-route';
import { suppressionsCsv } from './suppression/suppressions-csv';

export interface DeliverabilityHandlerDeps {
  store: Store;
  mail: MailService;
  clock: Clock;
  env: Record<string, string | undefined>;
}

const iso = (ms: number) => new Date(ms).toISOString();
const FALLBACK_FROM = 'DripAgent <hello@example.com>';
/** The recipient of the message SpamAssassin scores: a neutral address at a reserved domain. */
const SAMPLE_RECIPIENT = 'sample@example.com';

const withContext = (last: LastDomainCheck, context: { smtpHost: string | null; selector: string | null }) => ({
  report: last.report,
  passed: last.passed,
  checkedAt: iso(last.checkedAt),
  ...context,
});

/** mail.suppressions.*, mail.domain.*, mail.spam.check, mail.test.send, mail.rate.*, mail.clicks.journey. */
export function registerDeliverabilityHandlers(registry: HandlerRegistry, deps: DeliverabilityHandlerDeps): void {
  const { store, mail } = deps;
  const fromOf = (from: string | undefined) => from?.trim() || mail.defaultFrom() || FALLBACK_FROM;
  registerAll(registry, {
    'mail.suppressions.list': ({ query, limit, offset }) => ({
      items: store.suppressions
        .list({ limit, offset, query: query.trim() || undefined })
        .map((s) => ({ ...s, at: iso(s.at) })),
      total: store.suppressions.count(query.trim() || undefined),
    }),

    'mail.suppressions.remove': ({ address }) => ({ removed: mail.suppressions.remove(address) }),

    'mail.suppressions.export': () => suppressionsCsv(store.suppressions),

    'mail.webhooks.get': () => ({
      postmarkUrl: mail.webhookUrl(),
      secretFromEnv: Boolean(deps.env[WEBHOOK_SECRET_ENV]?.trim()),
    }),

    'mail.domain.get': () => {
      const { suggestedDomain, smtpHost, selector } = domainCheckContext(mail.settings);
      const last = lastDomainCheck(store.meta);
      return {
        suggestedDomain,
        smtpHost,
        selector,
        dnsServers: savedDnsServers(store.meta),
        last: last && withContext(last, { smtpHost, selector }),
      };
    },

    'mail.domain.check': async ({ domain, selector, dns }) => {
      let servers: string[];
      try {
        servers = dns === undefined ? savedDnsServers(store.meta) : saveDnsServers(store.meta, dns);
      } catch (error) {
        throw new ApiHandlerError('conflict', `dns: ${(error as Error).message}`);
      }
      const context = domainCheckContext(mail.settings, selector);
      let report: Awaited<ReturnType<typeof checkDomain>>;
      try {
        report = await checkDomain({ domain, ...context, dns: createDnsLookup(servers) });
      } catch (error) {
        throw new ApiHandlerError('conflict', (error as Error).message);
      }
      const last = saveDomainCheck(store.meta, report, deps.clock.now());
      return withContext(last, { smtpHost: context.smtpHost, selector: context.selector });
    },

    'mail.spam.check': async (email) => {
      const checks = contentWarnings(email);
      // Scored as it would go out: the unsubscribe link and headers added, a Message-ID and Date.
      const message = composeEmail(
        { kind: 'email', to: SAMPLE_RECIPIENT, from: fromOf(email.from), ...email },
        {
          key: `spam-check:${Date.now()}`,
          unsubscribeUrl: mail.links.urlFor('spam-check'),
          unsubscribeToken: mail.links.tokenFor('spam-check'),
          date: new Date(deps.clock.now()),
        },
      );
      const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
      const raw = await new MailComposer(message).compile().build();
      try {
        const score = await scoreWithSpamAssassin(raw);
        return { spamassassin: score ? { available: true as const, ...score } : { available: false as const }, checks };
      } catch (error) {
        // SpamAssassin ran but failed or took too long: the built-in checks still answer.
        return { spamassassin: { available: false as const, error: (error as Error).message }, checks };
      }
    },

    'mail.test.send': async ({ to, from, ...email }) => {
      let message: ReturnType<typeof testMessage>;
      try {
        message = testMessage({ to, from: fromOf(from), ...email });
      } catch (error) {
        throw new ApiHandlerError('conflict', (error as Error).message);
      }
      const result = await mail.sendDirect(message);
      if (!result.ok) return result;
      return { ok: true as const, messageId: result.messageId, route: mail.current().route.kind };
    },

    'mail.rate.get': () => mail.sendingRate(),

    'mail.rate.save': (rate) => mail.saveSendingRate(rate),

    'mail.clicks.journey': ({ journeyId }) => ({ counts: store.clicks.countsFor(journeyId) }),
  });
}
