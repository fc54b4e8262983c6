import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDomain, dkimPublicKey, domainPasses } from '../../electron/mail/domain/check-domain';
import { createDnsLookup } from '../../electron/mail/domain/dns-lookup';
import { type DnsServer, startDnsServer, type Zone } from '../dns/dns-server';

const pem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const signingKey = pem();
const otherKey = pem();
const publicKey = dkimPublicKey(signingKey);
/** A TXT value as DNS hosts publish a long one: strings of at most 255 bytes. */
const strings = (text: string) => text.match(/.{1,255}/g) ?? [];

/** acme.test, whose mail goes out through smtp.mailer.test (192.0.2.10), signed with selector `drip`. */
const healthy = (): Zone => ({
  'acme.test': {
    TXT: ['google-site-verification=abc', 'v=spf1 include:_spf.mailer.test -all'],
    MX: [{ exchange: 'mx1.acme.test', priority: 10 }],
  },
  '_spf.mailer.test': { TXT: ['v=spf1 ip4:192.0.2.0/24 ~all'] },
  'smtp.mailer.test': { A: ['192.0.2.10'] },
  // A 2048-bit key is longer than one TXT string (255 bytes): DNS hosts split it, the check joins it.
  'drip._domainkey.acme.test': { TXT: [['v=DKIM1; k=rsa; p=', publicKey.slice(0, 200), publicKey.slice(200)]] },
  '_dmarc.acme.test': { TXT: ['v=DMARC1; p=reject; rua=mailto:dmarc@acme.test'] },
});

let dns: DnsServer;
beforeAll(async () => {
  dns = await startDnsServer();
});
afterAll(() => dns.close());

const check = (zone: Zone, overrides: { smtpHost?: string | null; dkimPrivateKey?: string | null } = {}) => {
  dns.serve(zone);
  return checkDomain({
    domain: 'acme.test',
    selector: 'drip',
    smtpHost: 'smtp.mailer.test',
    dkimPrivateKey: signingKey,
    ...overrides,
    dns: createDnsLookup([dns.address]),
  });
};

describe('the sending-domain check, against a real DNS server', () => {
  it('passes a domain whose SPF (through an include) allows the SMTP host, whose DKIM key matches, with DMARC and MX', async () => {
    const report = await check(healthy());
    expect(report.spf).toMatchObject({ status: 'pass', record: 'v=spf1 include:_spf.mailer.test -all' });
    expect(report.dkim).toMatchObject({ status: 'pass', record: `v=DKIM1; k=rsa; p=${publicKey}` });
    expect(report.dmarc).toMatchObject({ status: 'pass', policy: 'reject', warning: null });
    expect(report.mx).toMatchObject({ status: 'pass', record: '10 mx1.acme.test' });
    expect(domainPasses(report)).toBe(true);
  });

  it('says DMARC is missing and gives the exact record to add', async () => {
    const zone = healthy();
    delete zone['_dmarc.acme.test'];
    const report = await check(zone);
    expect(report.dmarc).toMatchObject({
      status: 'missing',
      record: null,
      add: '_dmarc.acme.test TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@acme.test"',
    });
    expect(domainPasses(report)).toBe(false);
  });

  it('fails an SPF record that omits the SMTP host, and shows the record with the host added', async () => {
    const zone = healthy();
    zone['acme.test'] = { ...zone['acme.test'], TXT: ['v=spf1 ip4:198.51.100.7 include:_spf.other.test -all'] };
    zone['_spf.other.test'] = { TXT: ['v=spf1 ip4:203.0.113.0/24 -all'] };
    const report = await check(zone);
    expect(report.spf.status).toBe('fail');
    expect(report.spf.advice).toContain('does not allow the SMTP host smtp.mailer.test (192.0.2.10)');
    expect(report.spf.add).toBe(
      'acme.test TXT "v=spf1 ip4:198.51.100.7 include:_spf.other.test a:smtp.mailer.test -all"',
    );
  });

  it('fails a DKIM key that does not match the configured private key', async () => {
    const zone = healthy();
    zone['drip._domainkey.acme.test'] = { TXT: [strings(`v=DKIM1; k=rsa; p=${dkimPublicKey(otherKey)}`)] };
    const report = await check(zone);
    expect(report.dkim.status).toBe('fail');
    expect(report.dkim.add).toBe(`drip._domainkey.acme.test TXT "v=DKIM1; k=rsa; p=${publicKey}"`);
  });

  it('warns on a DMARC policy of none without failing', async () => {
    const zone = healthy();
    zone['_dmarc.acme.test'] = { TXT: ['v=DMARC1; p=none'] };
    const report = await check(zone);
    expect(report.dmarc).toMatchObject({ status: 'pass', policy: 'none', warning: expect.stringContaining('p=none') });
  });

  it('fails SPF that needs more than 10 DNS lookups', async () => {
    const zone = healthy();
    const includes = Array.from({ length: 11 }, (_, i) => `include:s${i}.mailer.test`).join(' ');
    zone['acme.test'] = { ...zone['acme.test'], TXT: [strings(`v=spf1 ${includes} -all`)] };
    for (let i = 0; i < 11; i++) zone[`s${i}.mailer.test`] = { TXT: ['v=spf1 ip4:192.0.2.10 -all'] };
    const report = await check(zone);
    expect(report.spf).toMatchObject({ status: 'fail', advice: expect.stringContaining('more than 10 DNS lookups') });
  });

  it('fails an SPF record with a bad address range as an error in the record, and checks the rest', async () => {
    const zone = healthy();
    zone['_spf.mailer.test'] = { TXT: ['v=spf1 ip4:192.0.2.0/33 ~all'] };
    const report = await check(zone);
    expect(report.spf).toMatchObject({ status: 'fail', advice: expect.stringContaining('has an error') });
    expect(report.dkim.status).toBe('pass');
  });

  it('says what is missing on a bare domain, with SPF to add for the SMTP host', async () => {
    const report = await check({ 'smtp.mailer.test': { A: ['192.0.2.10'] } });
    expect(report.spf).toMatchObject({ status: 'missing', add: 'acme.test TXT "v=spf1 a:smtp.mailer.test ~all"' });
    expect(report.dkim.status).toBe('missing');
    expect(report.mx.status).toBe('missing');
  });

  it('refuses something that is not a domain name', async () => {
    await expect(
      checkDomain({
        domain: 'not a domain',
        selector: null,
        smtpHost: null,
        dkimPrivateKey: null,
        dns: createDnsLookup([dns.address]),
      }),
    ).rejects.toThrow('"not a domain" is not a domain name');
  });
});
