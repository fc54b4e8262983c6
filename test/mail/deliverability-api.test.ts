import { afterEach, describe, expect, it } from 'vitest';
import { startDnsServer } from '../dns/dns-server';
import { type CoreFixture, mailCore, parse, T0, TestClock, waitUntil } from './fixtures';

let fixture: CoreFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const clean = {
  subject: 'Finish connecting your data source in 5 minutes',
  html: '<p>You started the Stripe setup for Acme. Create an API key under Settings, add it to the integration screen and send one test event.</p><p><a href="https://app.acme.io/integrations">Open the integration</a></p><p><a href="https://example.invalid/unsubscribe/u">Unsubscribe</a></p>',
  text: 'You started the Stripe setup for Acme. Create an API key under Settings, add it to the integration screen and send one test event.\n\nOpen the integration: https://app.acme.io/integrations\n\nUnsubscribe: https://example.invalid/unsubscribe/u',
  from: 'Acme Setup <setup@acme.io>',
};
const spammy = {
  subject: 'FREE CASH PRIZE!!! ACT NOW',
  html: '<p>Click here to claim your FREE cash prize!!! 100% GUARANTEED, risk-free. <a href="http://bit.ly/win">www.paypal.com</a></p>',
  text: '',
};

describe('the spam score, from the real SpamAssassin', () => {
  it('scores a spammy email above the threshold with the rules that fired, and a clean one below it', async () => {
    fixture = mailCore();
    const bad = await fixture.api.call('mail.spam.check', spammy);
    const good = await fixture.api.call('mail.spam.check', clean);
    if (!bad.spamassassin.available || !good.spamassassin.available) {
      throw new Error('SpamAssassin is not installed: `apt-get install -y spamassassin` (.ci/run does it)');
    }
    expect(bad.spamassassin.score).toBeGreaterThanOrEqual(bad.spamassassin.required);
    expect(bad.spamassassin.rules.map((r) => r.name)).toEqual(
      expect.arrayContaining(['SUBJ_ALL_CAPS', 'GUARANTEED_100_PERCENT', 'SHORT_SHORTNER']),
    );
    // In plain words, without SpamAssassin's "BODY:" prefixes.
    expect(bad.spamassassin.rules.find((r) => r.name === 'SUBJ_ALL_CAPS')?.description).toBe(
      'The subject is all capitals.',
    );
    expect(bad.spamassassin.rules.every((r) => !/^[A-Z]+: /.test(r.description))).toBe(true);
    expect(bad.checks.map((c) => c.id)).toEqual(
      expect.arrayContaining(['no_text_part', 'subject_caps', 'spam_words', 'link_text_domain', 'url_shortener']),
    );
    expect(good.spamassassin.score).toBeLessThan(good.spamassassin.required);
    expect(good.checks).toEqual([]);
  });
});

describe('test sends', () => {
  it('land in the dev inbox marked as a test, and are never in the outbox', async () => {
    fixture = mailCore();
    await fixture.core.mail.ready;
    const sent = await fixture.api.call('mail.test.send', { ...clean, to: 'me@acme.io' });
    expect(sent).toMatchObject({ ok: true, route: 'dev-inbox' });
    await waitUntil(() => fixture?.core.store.inbox.count() === 1);
    const [row] = fixture.core.store.inbox.list(1, 0);
    const mail = await parse(fixture.core.store.inbox.get(row?.id ?? 0)?.raw ?? '');
    expect(mail.subject).toBe('[Test] Finish connecting your data source in 5 minutes');
    expect(mail.headers.get('x-dripagent-test')).toBe('yes');
    expect(mail.to).toMatchObject({ text: 'me@acme.io' });
    expect(fixture.core.store.outbox.counts()).toEqual({ pending: 0, sent: 0, failed: 0 });
  });

  it('go even to a suppressed address, and refuse something that is not one address', async () => {
    fixture = mailCore();
    await fixture.core.mail.ready;
    fixture.core.mail.suppressions.suppress({
      address: 'me@acme.io',
      reason: 'bounced',
      source: 'smtp',
      detail: '550',
    });
    expect(await fixture.api.call('mail.test.send', { ...clean, to: 'me@acme.io' })).toMatchObject({ ok: true });
    const refused = await fixture.api.callResult('mail.test.send', { ...clean, to: 'a@b.io, c@d.io' });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('is not one email address') },
    });
  });
});

describe('suppressions through the API', () => {
  it('lists who, why and when, finds by part of the address, exports CSV and removes one', async () => {
    const clock = new TestClock(T0);
    fixture = mailCore({ clock });
    const { suppressions } = fixture.core.mail;
    suppressions.suppress({
      address: 'ann@example.com',
      userId: 'ann',
      reason: 'bounced',
      source: 'smtp',
      detail: '550 5.1.1 No such user',
    });
    clock.advance(60_000);
    suppressions.suppress({
      address: 'bo@example.com',
      reason: 'complained',
      source: 'postmark',
      detail: '=cmd, "quoted"',
    });
    const all = await fixture.api.call('mail.suppressions.list');
    expect(all.total).toBe(2);
    expect(all.items[0]).toEqual({
      address: 'bo@example.com',
      userId: null,
      reason: 'complained',
      source: 'postmark',
      detail: '=cmd, "quoted"',
      at: new Date(T0 + 60_000).toISOString(),
    });
    expect((await fixture.api.call('mail.suppressions.list', { query: 'ann' })).items.map((i) => i.address)).toEqual([
      'ann@example.com',
    ]);
    const { csv, count } = await fixture.api.call('mail.suppressions.export');
    expect(count).toBe(2);
    expect(csv.split('\r\n')).toEqual([
      'address,user_id,reason,source,detail,at',
      `bo@example.com,,complained,postmark,"'=cmd, ""quoted""",${new Date(T0 + 60_000).toISOString()}`,
      `ann@example.com,ann,bounced,smtp,550 5.1.1 No such user,${new Date(T0).toISOString()}`,
      '',
    ]);
    expect(await fixture.api.call('mail.suppressions.remove', { address: 'ANN@example.com' })).toEqual({
      removed: true,
    });
    expect(await fixture.api.call('mail.suppressions.remove', { address: 'ann@example.com' })).toEqual({
      removed: false,
    });
    expect((await fixture.api.call('mail.suppressions.list')).total).toBe(1);
  });
});

describe('settings', () => {
  it('the sending rate is saved and read back, and refuses zero', async () => {
    fixture = mailCore();
    expect(await fixture.api.call('mail.rate.get')).toEqual({ perMinute: null, perHour: null });
    expect(await fixture.api.call('mail.rate.save', { perMinute: 10, perHour: 200 })).toEqual({
      perMinute: 10,
      perHour: 200,
    });
    expect(await fixture.api.call('mail.rate.get')).toEqual({ perMinute: 10, perHour: 200 });
    const zero = await fixture.api.callResult('mail.rate.save', { perMinute: 0, perHour: null });
    expect(zero).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('the domain check runs against the DNS servers given, keeps them, and is remembered for the journey list', async () => {
    const dns = await startDnsServer({
      'acme.test': { TXT: ['v=spf1 mx -all'], MX: [{ exchange: 'mx.acme.test', priority: 5 }] },
    });
    try {
      fixture = mailCore({ env: { DRIPAGENT_MAIL_FROM: 'Acme <hi@acme.test>' } });
      expect(await fixture.api.call('mail.domain.get')).toMatchObject({ suggestedDomain: 'acme.test', last: null });
      const result = await fixture.api.call('mail.domain.check', { domain: 'acme.test', dns: dns.address });
      expect(result).toMatchObject({ passed: false, smtpHost: null, selector: null });
      expect(result.report.spf.status).toBe('pass');
      expect(result.report.dmarc.status).toBe('missing');
      const again = await fixture.api.call('mail.domain.get');
      expect(again.dnsServers).toEqual([dns.address]);
      expect(again.last?.report.domain).toBe('acme.test');
      const bad = await fixture.api.callResult('mail.domain.check', { domain: 'acme.test', dns: 'nope' });
      expect(bad).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('"nope" is not a DNS server') },
      });
    } finally {
      await dns.close();
    }
  });
});
