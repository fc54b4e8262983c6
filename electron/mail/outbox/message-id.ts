import { createHash } from 'node:crypto';

const FALLBACK_DOMAIN = 'dripagent.local';

/** The domain of an address like `Ada <ada@example.com>`, lowercased; undefined when there is none. */
export function domainOf(address: string): string | undefined {
  const bare = /<([^>]*)>/.exec(address)?.[1] ?? address;
  const domain = bare
    .slice(bare.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
  return bare.includes('@') && /^[a-z0-9.-]+$/.test(domain) && domain.includes('.') ? domain : undefined;
}

/**
 * The Message-ID of an outbox email: derived from its key (run + node + occurrence) and its sender's
 * domain, so every retry, and a resend after a crash, carries the same id and receivers can spot a duplicate.
 * @example messageIdFor('run-1:hello:1', 'Acme <hi@acme.io>') // '<5f1c…(32 hex)@acme.io>'
 */
export function messageIdFor(key: string, from: string): string {
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 32);
  return `<${hash}@${domainOf(from) ?? FALLBACK_DOMAIN}>`;
}
