import { createPublicKey } from 'node:crypto';
import { isIP } from 'node:net';
import { DnsError, type DnsLookup } from './dns-lookup';
import { checkHost, countLookups, SPF_LOOKUP_LIMIT, spfRecordOf } from './spf';

export type CheckStatus = 'pass' | 'fail' | 'missing';

/** One record's verdict: what was found, what to do in plain words, and the exact record to add. */
export interface RecordCheck {
  status: CheckStatus;
  /** The record found in DNS, as published (joined when it came as several strings). */
  record: string | null;
  advice: string;
  /** The exact record to publish, e.g. `_dmarc.acme.io TXT "v=DMARC1; p=quarantine; …"`, when one is needed. */
  add: string | null;
  /** A concern that does not fail the check, e.g. DMARC's `p=none`. */
  warning: string | null;
}

export interface DomainReport {
  domain: string;
  spf: RecordCheck;
  dkim: RecordCheck;
  dmarc: RecordCheck & { policy: string | null };
  mx: RecordCheck;
}

export interface DomainCheckInput {
  domain: string;
  /** The DKIM selector; the configured one by default. */
  selector: string | null;
  /** The SMTP host mail goes out through (null: the dev inbox, nothing to check SPF against). */
  smtpHost: string | null;
  /** The configured DKIM private key (PEM), to compare with the published public key. */
  dkimPrivateKey: string | null;
  dns: DnsLookup;
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/**
 * Checks a domain the way mailbox providers judge mail from it: SPF allows the SMTP host, the DKIM
 * key matches the one DripAgent signs with, DMARC exists (its policy shown), MX accepts replies.
 * @example const report = await checkDomain({ domain: 'acme.io', selector: 'drip', smtpHost: 'smtp.acme.io', dkimPrivateKey, dns: createDnsLookup() });
 * @throws when `domain` is not a domain name
 */
export async function checkDomain(input: DomainCheckInput): Promise<DomainReport> {
  const domain = input.domain.trim().toLowerCase().replace(/\.$/, '');
  if (!DOMAIN.test(domain)) throw new Error(`"${input.domain}" is not a domain name, e.g. acme.io`);
  const normalized = { ...input, domain };
  const [spf, dkim, dmarc, mx] = await Promise.all([
    guarded(() => checkSpf(normalized)),
    guarded(() => checkDkim(normalized)),
    guarded(() => checkDmarc(normalized)),
    guarded(() => checkMx(normalized)),
  ]);
  return { domain, spf, dkim, dmarc: { policy: null, ...dmarc }, mx };
}

/** True when every check passes. */
export const domainPasses = (report: DomainReport) =>
  [report.spf, report.dkim, report.dmarc, report.mx].every((check) => check.status === 'pass');

const verdict = (
  status: CheckStatus,
  record: string | null,
  advice: string,
  add: string | null = null,
  warning: string | null = null,
): RecordCheck => ({ status, record, advice, add, warning });

/** A DNS server that does not answer fails the check with what went wrong, rather than the whole report. */
async function guarded<T extends RecordCheck>(check: () => Promise<T>): Promise<T | RecordCheck> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof DnsError)) throw error;
    return verdict('fail', null, `Could not check: ${error.message}. Check the DNS servers and try again.`);
  }
}

const txtRecord = (name: string, value: string) => `${name} TXT "${value}"`;

async function checkSpf({ domain, smtpHost, dns }: DomainCheckInput): Promise<RecordCheck> {
  const found = spfRecordOf(await dns.txt(domain));
  const allowHost = smtpHost && !isIP(smtpHost) ? `a:${smtpHost}` : smtpHost ? `ip${isIP(smtpHost)}:${smtpHost}` : null;
  if (found === 'none') {
    const add = txtRecord(domain, `v=spf1 ${allowHost ?? 'mx'} ~all`);
    return verdict(
      'missing',
      null,
      `${domain} has no SPF record, so receivers cannot tell which servers may send as it. Add this TXT record at ${domain}.`,
      add,
    );
  }
  if (found === 'several') {
    return verdict(
      'fail',
      null,
      `${domain} has more than one SPF record (v=spf1): receivers then ignore all of them. Merge them into one TXT record.`,
    );
  }
  const lookups = await countLookups(domain, dns);
  if (lookups > SPF_LOOKUP_LIMIT) {
    return verdict(
      'fail',
      found,
      `This SPF record needs more than ${SPF_LOOKUP_LIMIT} DNS lookups (include:, a, mx, redirect=), so receivers treat it as broken. Remove includes you no longer use, or replace some with ip4: ranges.`,
    );
  }
  if (!smtpHost) {
    return verdict(
      'pass',
      found,
      'An SPF record is published. Mail goes to the dev inbox for now: once an SMTP server is set, this check also confirms that SPF allows it.',
    );
  }
  const ips = isIP(smtpHost) ? [smtpHost] : await dns.addresses(smtpHost);
  if (ips.length === 0) {
    return verdict(
      'fail',
      found,
      `The SMTP host ${smtpHost} does not resolve to an address, so SPF cannot be checked against it.`,
    );
  }
  const results = await Promise.all(ips.map((ip) => checkHost(ip, domain, dns)));
  const refused = ips.filter((_, i) => results[i] !== 'pass');
  // A host given as an address needs no "(its addresses)" after it.
  const named = (list: string[]) => (isIP(smtpHost) ? smtpHost : `${smtpHost} (${list.join(', ')})`);
  if (refused.length === 0) {
    return verdict('pass', found, `SPF allows the SMTP host ${named(ips)} to send as ${domain}.`);
  }
  if (results.includes('permerror')) {
    return verdict(
      'fail',
      found,
      'The SPF record has an error (for example an address range with a bad /prefix): receivers treat it as a permanent SPF failure. Correct the record, then check again.',
    );
  }
  const fixed = found.match(/\s[+\-~?]?all\b/i)
    ? found.replace(/\s([+\-~?]?all)\b/i, ` ${allowHost} $1`)
    : `${found} ${allowHost}`;
  return verdict(
    'fail',
    found,
    `SPF does not allow the SMTP host ${named(refused)}: mail sent through it fails SPF and may land in spam. Replace the record with this one, which adds ${allowHost}.`,
    txtRecord(domain, fixed),
  );
}

/** The base64 public key (SubjectPublicKeyInfo) that goes in a DKIM record's `p=`. */
export function dkimPublicKey(privateKeyPem: string): string {
  return createPublicKey(privateKeyPem).export({ type: 'spki', format: 'der' }).toString('base64');
}

const tagsOf = (record: string) =>
  new Map(
    record
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const at = part.indexOf('=');
        return [part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).replace(/\s+/g, '')] as const;
      }),
  );

async function checkDkim({ domain, selector, dkimPrivateKey, dns }: DomainCheckInput): Promise<RecordCheck> {
  if (!selector) {
    return verdict(
      'missing',
      null,
      'DripAgent does not sign mail with DKIM yet. Under Settings → Mail, set the DKIM domain, a selector (e.g. drip) and a private key; then publish the public key this check shows.',
    );
  }
  const name = `${selector}._domainkey.${domain}`;
  const publicKey = dkimPrivateKey ? dkimPublicKey(dkimPrivateKey) : null;
  const add = publicKey ? txtRecord(name, `v=DKIM1; k=rsa; p=${publicKey}`) : null;
  const records = (await dns.txt(name)).filter((r) => /(^|;)\s*p=/i.test(r));
  const record = records[0] ?? null;
  if (!record) {
    return verdict(
      'missing',
      null,
      publicKey
        ? `There is no DKIM key at ${name}. Add this TXT record (many DNS hosts split a long value into several strings; that is fine).`
        : `There is no DKIM key at ${name}.`,
      add,
    );
  }
  const published = tagsOf(record).get('p') ?? '';
  if (published === '') {
    return verdict(
      'fail',
      record,
      `The DKIM key at ${name} is revoked (empty p=). Publish the current public key.`,
      add,
    );
  }
  if (!publicKey) {
    return verdict(
      'pass',
      record,
      `A DKIM key is published at ${name}. DripAgent does not sign with it itself (no private key in Settings): your SMTP provider must.`,
    );
  }
  if (published !== publicKey) {
    return verdict(
      'fail',
      record,
      `The DKIM key at ${name} does not match the private key DripAgent signs with, so signatures fail. Replace the record with this one.`,
      add,
    );
  }
  return verdict('pass', record, `The DKIM key at ${name} matches the key DripAgent signs with.`);
}

async function checkDmarc({ domain, dns }: DomainCheckInput): Promise<RecordCheck & { policy: string | null }> {
  const name = `_dmarc.${domain}`;
  const add = txtRecord(name, `v=DMARC1; p=quarantine; rua=mailto:dmarc@${domain}`);
  const records = (await dns.txt(name)).filter((r) => /^v=DMARC1(\s*;|$)/i.test(r.trim()));
  if (records.length === 0) {
    return {
      ...verdict(
        'missing',
        null,
        `${domain} has no DMARC record. Mailbox providers (Gmail, Yahoo) require one from bulk senders. Add this TXT record; reports go to the rua address.`,
        add,
      ),
      policy: null,
    };
  }
  const record = (records[0] as string).trim();
  if (records.length > 1) {
    return {
      ...verdict('fail', record, `${name} has more than one DMARC record: receivers ignore all of them. Keep one.`),
      policy: null,
    };
  }
  const policy = tagsOf(record).get('p')?.toLowerCase() ?? null;
  if (policy !== 'none' && policy !== 'quarantine' && policy !== 'reject') {
    return {
      ...verdict('fail', record, `The DMARC record has no valid policy (p=none, quarantine or reject).`, add),
      policy,
    };
  }
  if (policy === 'none') {
    return {
      ...verdict(
        'pass',
        record,
        'DMARC is published with policy none: receivers only report, they do not act on mail that fails. Move to p=quarantine once the reports look clean.',
        null,
        'DMARC policy is p=none: mail that fails authentication is still delivered, and some providers rank it lower.',
      ),
      policy,
    };
  }
  return { ...verdict('pass', record, `DMARC is published with policy ${policy}.`), policy };
}

async function checkMx({ domain, dns }: DomainCheckInput): Promise<RecordCheck> {
  const records = await dns.mx(domain);
  const usable = records.filter((r) => r.exchange !== '' && r.exchange !== '.');
  const found = records.map((r) => `${r.priority} ${r.exchange || '.'}`).join(', ') || null;
  if (records.length === 0) {
    return verdict(
      'missing',
      null,
      `${domain} has no MX record, so replies and bounces to it cannot be delivered, and some receivers distrust mail from it. Add an MX record for your mail server.`,
      `${domain} MX 10 mail.${domain}`,
    );
  }
  if (usable.length === 0) {
    return verdict(
      'fail',
      found,
      `${domain} publishes a null MX: it accepts no mail, so replies and bounces are lost.`,
    );
  }
  return verdict(
    'pass',
    found,
    `${domain} accepts mail (replies and bounces) at ${usable.map((r) => r.exchange).join(', ')}.`,
  );
}
