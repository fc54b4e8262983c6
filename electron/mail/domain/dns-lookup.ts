import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';

/** What the domain check asks DNS. Names that do not exist, or have no such record, answer empty. */
export interface DnsLookup {
  /** TXT records, each record's strings joined (long DKIM keys arrive as several strings). */
  txt(name: string): Promise<string[]>;
  mx(name: string): Promise<{ exchange: string; priority: number }[]>;
  /** IPv4 and IPv6 addresses. */
  addresses(name: string): Promise<string[]>;
}

/** A failure other than "no such name / no such record": the answer is unknown, not empty. */
export class DnsError extends Error {
  constructor(
    readonly queried: string,
    readonly code: string,
  ) {
    super(`the DNS lookup of ${queried} failed (${code})`);
  }
}

const EMPTY = new Set(['ENODATA', 'ENOTFOUND', 'NOTFOUND', 'ENONAME']);
/** Per query; a slow or dead server is reported within seconds rather than hanging Settings. */
const TIMEOUT_MS = 2500;
const TRIES = 2;

/**
 * `servers` like `['127.0.0.1:5353', '1.1.1.1']`; empty for the system's resolvers.
 * @throws when a server is not an IP address with an optional port
 */
export function createDnsLookup(servers: readonly string[] = []): DnsLookup {
  const resolver = new Resolver({ timeout: TIMEOUT_MS, tries: TRIES });
  if (servers.length > 0) resolver.setServers([...servers]);
  const ask = async <T>(name: string, query: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await query();
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'ERROR';
      if (EMPTY.has(code)) return [];
      throw new DnsError(name, code);
    }
  };
  return {
    txt: async (name) => (await ask(name, () => resolver.resolveTxt(name))).map((chunks) => chunks.join('')),
    mx: (name) => ask(name, () => resolver.resolveMx(name)),
    async addresses(name) {
      const [v4, v6] = await Promise.all([
        ask(name, () => resolver.resolve4(name)),
        ask(name, () => resolver.resolve6(name)),
      ]);
      return [...v4, ...v6];
    },
  };
}

/**
 * Reads `--dns 127.0.0.1:5353` or a Settings field (`1.1.1.1, 8.8.8.8`) into resolver servers.
 * @throws naming the entry that is not an IP address with an optional port
 */
export function parseDnsServers(text: string): string[] {
  const servers = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const server of servers) {
    // c-ares aborts the whole process on a server it cannot take (port 0, say): check it all here.
    const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(server) ?? /^([\d.]+)(?::(\d+))?$/.exec(server);
    const host = match ? match[1] : server;
    const port = match?.[2] === undefined ? 443 : Number(match[2]);
    const ipv6Bare = !match && isIP(server) === 6;
    if (!host || (!ipv6Bare && isIP(host) === 0) || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`"${server}" is not a DNS server address: write an IP, optionally with :port (1–65535)`);
    }
  }
  return servers;
}
