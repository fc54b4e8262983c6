import { BlockList, isIP } from 'node:net';
import type { DnsLookup } from './dns-lookup';

/** RFC 7208 4.6.4: at most 10 mechanisms and modifiers that query DNS, over the whole evaluation. */
export const SPF_LOOKUP_LIMIT = 10;

export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror';

const QUALIFIERS: Record<string, SpfResult> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

/** The one `v=spf1` record among a name's TXT records, or why there is none usable. */
export function spfRecordOf(records: readonly string[]): string | 'none' | 'several' {
  const spf = records.filter((r) => /^v=spf1(\s|$)/i.test(r.trim()));
  if (spf.length === 0) return 'none';
  return spf.length > 1 ? 'several' : (spf[0] as string).trim();
}

class TooManyLookups extends Error {}
/** A record SPF cannot evaluate (RFC 7208 4.6: a syntax error is a permerror). */
class MalformedRecord extends Error {}

function inSubnet(ip: string, network: string, prefix: number | undefined): boolean {
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  if (isIP(network) !== isIP(ip)) return false;
  const most = family === 'ipv6' ? 128 : 32;
  if (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= most)) {
    throw new MalformedRecord(`the prefix /${prefix} of ${network}`);
  }
  const list = new BlockList();
  list.addSubnet(network, prefix ?? (family === 'ipv6' ? 128 : 32), family);
  return list.check(ip, family);
}

/** `a:host/24//64`: the domain part and the IPv4 / IPv6 prefix lengths. */
function targetOf(argument: string | undefined, domain: string) {
  const [name, v4, , v6] = (argument ?? '').split('/');
  return {
    name: name || domain,
    v4: v4 ? Number(v4) : undefined,
    v6: v6 ? Number(v6) : undefined,
  };
}

/**
 * SPF's check_host() for one sender IP: follows `include:` and `redirect=` with the 10-lookup
 * limit, matches `ip4`, `ip6`, `a`, `mx` and `all`. Macros, `exists` and `ptr` never match here
 * (they still count as lookups): a record that relies on them reads as not allowing the host.
 * @example await checkHost('192.0.2.10', 'acme.io', dns) // 'pass' when acme.io's SPF allows that IP
 */
export async function checkHost(ip: string, domain: string, dns: DnsLookup): Promise<SpfResult> {
  const budget = { lookups: 0 };
  try {
    return await evaluate(ip, domain, dns, budget, 0);
  } catch (error) {
    if (error instanceof TooManyLookups || error instanceof MalformedRecord) return 'permerror';
    throw error;
  }
}

/** How many DNS lookups the record of `domain` needs, in all (includes and redirects followed). */
export async function countLookups(domain: string, dns: DnsLookup): Promise<number> {
  const budget = { lookups: 0 };
  try {
    await evaluate('0.0.0.0', domain, dns, budget, 0, true);
  } catch (error) {
    if (!(error instanceof TooManyLookups || error instanceof MalformedRecord)) throw error;
  }
  return budget.lookups;
}

async function evaluate(
  ip: string,
  domain: string,
  dns: DnsLookup,
  budget: { lookups: number },
  depth: number,
  walkAll = false,
): Promise<SpfResult> {
  const record = spfRecordOf(await dns.txt(domain));
  if (record === 'none') return 'none';
  if (record === 'several' || depth > SPF_LOOKUP_LIMIT) return 'permerror';
  const lookup = () => {
    budget.lookups++;
    if (budget.lookups > SPF_LOOKUP_LIMIT) throw new TooManyLookups();
  };
  let redirect: string | undefined;
  let result: SpfResult | undefined;
  for (const term of record.split(/\s+/).slice(1)) {
    const modifier = /^(redirect|exp)=(.+)$/i.exec(term);
    if (modifier) {
      if (modifier[1]?.toLowerCase() === 'redirect') redirect = modifier[2];
      continue;
    }
    const match = /^([+\-~?]?)([a-z0-9]+)(?::([^/]*))?(\/.*)?$/i.exec(term);
    if (!match) return 'permerror';
    const qualifier = QUALIFIERS[match[1] || '+'] as SpfResult;
    const mechanism = (match[2] ?? '').toLowerCase();
    const argument = `${match[3] ?? ''}${match[4] ?? ''}`;
    let matched = false;
    switch (mechanism) {
      case 'all':
        matched = true;
        break;
      case 'ip4':
      case 'ip6': {
        const [network = '', prefix] = (match[3] ?? '').concat(match[4] ?? '').split('/');
        matched = inSubnet(ip, network, prefix ? Number(prefix) : undefined);
        break;
      }
      case 'a':
      case 'mx': {
        lookup();
        const target = targetOf(argument || undefined, domain);
        const hosts =
          mechanism === 'a' ? [target.name] : (await dns.mx(target.name)).slice(0, 10).map((m) => m.exchange);
        for (const host of hosts) {
          for (const address of await dns.addresses(host)) {
            if (inSubnet(ip, address, isIP(address) === 6 ? target.v6 : target.v4)) matched = true;
          }
        }
        break;
      }
      case 'include': {
        lookup();
        const inner = await evaluate(ip, match[3] ?? '', dns, budget, depth + 1, walkAll);
        if (inner === 'permerror' || inner === 'none') return 'permerror';
        matched = inner === 'pass';
        break;
      }
      case 'exists':
      case 'ptr':
        lookup();
        break;
      default:
        return 'permerror';
    }
    if (matched && result === undefined) {
      result = qualifier;
      if (!walkAll) return result;
    }
  }
  if (result !== undefined) return result;
  if (redirect) {
    lookup();
    const target = await evaluate(ip, redirect, dns, budget, depth + 1, walkAll);
    return target === 'none' ? 'permerror' : target;
  }
  return 'neutral';
}
