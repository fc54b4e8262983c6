import type { MetaRepo } from '../../store/meta-repo';
import type { MailSettings } from '../settings/mail-settings';
import { type DomainReport, domainPasses } from './check-domain';
import { parseDnsServers } from './dns-lookup';

const DNS_KEY = 'mail.dns_servers';
const LAST_KEY = 'mail.domain_check';

/** What the check compares DNS against: the configuration in force (environment, else Settings). */
export interface DomainCheckContext {
  /** The domain of the default From, else the DKIM domain: what Settings suggests checking. */
  suggestedDomain: string | null;
  smtpHost: string | null;
  selector: string | null;
  dkimPrivateKey: string | null;
}

const domainOf = (address: string | null) => /@([^>\s]+)>?\s*$/.exec(address ?? '')?.[1]?.toLowerCase() ?? null;

/**
 * The SMTP host (DRIPAGENT_SMTP_URL or Settings) and the DKIM selector and key (the DRIPAGENT_DKIM_*
 * variables or Settings) in force; `selector` overrides the configured selector.
 */
export function domainCheckContext(settings: MailSettings, selector?: string | null): DomainCheckContext {
  const config = settings.resolve();
  const savedDkim = settings.saved().dkim;
  return {
    suggestedDomain: domainOf(config.from) ?? config.dkim?.domain ?? savedDkim?.domain ?? null,
    smtpHost: config.route.kind === 'smtp' ? config.route.server.host : null,
    selector: selector?.trim() || config.dkim?.selector || savedDkim?.selector || null,
    dkimPrivateKey: config.dkim?.privateKey ?? null,
  };
}

/** The DNS servers the check asks (Settings); empty for the system's. */
export function savedDnsServers(meta: MetaRepo): string[] {
  const text = meta.get(DNS_KEY);
  if (!text) return [];
  // Checked again: a list saved by an older version that checked less must not reach the resolver.
  try {
    return parseDnsServers((JSON.parse(text) as string[]).join(' '));
  } catch {
    return [];
  }
}

/** @throws naming a server that is not an IP address with an optional port */
export function saveDnsServers(meta: MetaRepo, text: string): string[] {
  const servers = parseDnsServers(text);
  meta.set(DNS_KEY, JSON.stringify(servers));
  return servers;
}

export interface LastDomainCheck {
  report: DomainReport;
  passed: boolean;
  checkedAt: number;
}

/** The latest check, kept so the journey list can warn before publishing while the domain fails. */
export function lastDomainCheck(meta: MetaRepo): LastDomainCheck | null {
  const text = meta.get(LAST_KEY);
  if (!text) return null;
  try {
    return JSON.parse(text) as LastDomainCheck;
  } catch {
    return null; // unreadable: as if never checked, and the next check replaces it
  }
}

export function saveDomainCheck(meta: MetaRepo, report: DomainReport, at: number): LastDomainCheck {
  const last = { report, passed: domainPasses(report), checkedAt: at };
  meta.set(LAST_KEY, JSON.stringify(last));
  return last;
}
