import { join } from 'node:path';
import { checkDomain, type DomainReport, domainPasses, type RecordCheck } from '../mail/domain/check-domain';
import { createDnsLookup, parseDnsServers } from '../mail/domain/dns-lookup';
import { domainCheckContext, savedDnsServers } from '../mail/domain/domain-settings';
import { createMailSettings } from '../mail/settings/mail-settings';
import { createFileSecretStore, SECRETS_FILE_NAME } from '../mail/settings/secret-store';
import { openStore } from '../store';
import { resolveDataDir } from '../store/data-dir';
import { lastFlag, parseCommandFlags } from './command';

const USAGE = 'Usage: dripagent check-domain DOMAIN [--selector S] [--dns HOST:PORT] [--json] [--data DIR]\n';

/**
 * `dripagent check-domain DOMAIN`: SPF, DKIM, DMARC and MX of the sending domain against the
 * configuration in force (DRIPAGENT_SMTP_URL / DRIPAGENT_DKIM_* or Settings). Exits 1 when a check
 * does not pass.
 */
export default async function checkDomainCommand(args: string[]): Promise<number> {
  const { flags, positional } = parseCommandFlags(args, { values: ['data', 'dns', 'selector'], switches: ['json'] });
  const domain = positional[0];
  if (!domain) {
    process.stderr.write(USAGE);
    return 1;
  }
  const dataDir = resolveDataDir(lastFlag(flags, 'data'));
  const store = openStore(dataDir);
  let report: DomainReport;
  let context: ReturnType<typeof domainCheckContext>;
  try {
    const settings = createMailSettings({
      meta: store.meta,
      secrets: createFileSecretStore(join(dataDir, SECRETS_FILE_NAME)),
      env: process.env,
    });
    const selector = lastFlag(flags, 'selector');
    context = domainCheckContext(settings, selector ?? null);
    const dnsFlag = lastFlag(flags, 'dns');
    const servers = dnsFlag ? parseDnsServers(dnsFlag) : savedDnsServers(store.meta);
    report = await checkDomain({ domain, ...context, dns: createDnsLookup(servers) });
  } catch (error) {
    process.stderr.write(`check-domain: ${(error as Error).message}\n`);
    return 1;
  } finally {
    store.close();
  }
  const passed = domainPasses(report);
  if (flags.json) {
    const { spf, dkim, dmarc, mx } = report;
    process.stdout.write(`${JSON.stringify({ domain: report.domain, spf, dkim, dmarc, mx }, null, 2)}\n`);
    return passed ? 0 : 1;
  }
  const via = context.smtpHost ? `SMTP host ${context.smtpHost}` : 'no SMTP host set (mail goes to the dev inbox)';
  const lines = [`Sending domain ${report.domain}: ${via}, DKIM selector ${context.selector ?? 'none'}`, ''];
  const rows: [string, RecordCheck][] = [
    ['SPF', report.spf],
    ['DKIM', report.dkim],
    ['DMARC', report.dmarc],
    ['MX', report.mx],
  ];
  for (const [name, check] of rows) {
    lines.push(`${name.padEnd(6)} ${check.status.toUpperCase().padEnd(8)} ${check.record ?? '(nothing found)'}`);
    lines.push(`${' '.repeat(16)}${check.advice}`);
    if (check.warning) lines.push(`${' '.repeat(16)}Warning: ${check.warning}`);
    if (check.add) lines.push(`${' '.repeat(16)}Add: ${check.add}`);
    lines.push('');
  }
  lines.push(passed ? 'All checks pass.' : 'Some checks do not pass: mail from this domain may land in spam.');
  process.stdout.write(`${lines.join('\n')}\n`);
  return passed ? 0 : 1;
}
