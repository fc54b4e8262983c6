import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { MetaRepo } from '../../store/meta-repo';

/**
 * One sender per data folder: the desktop app and a `dripagent serve` on the same folder would
 * otherwise both deliver the same due row. The holder renews a lease in `app_meta`; another process
 * takes over when it expires, or at once when the holder's process on this machine is gone (a crash
 * or SIGKILL must not hold mail back for the lease's lifetime).
 */
export interface SenderLease {
  /** True when this process may send now (acquiring or renewing the lease as needed). */
  hold(): boolean;
  release(): void;
}

interface LeaseRecord {
  owner: string;
  host: string;
  pid: number;
  until: number;
}

const META_KEY = 'mail.sender_lease';
const LEASE_MS = 30_000;
/** Renew when less than this is left: about every 10 s while sending. */
const RENEW_BEFORE_MS = 20_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Wall-clock time on purpose: the lease is between real processes, whatever clock the engine uses. */
export function createSenderLease(meta: MetaRepo, transaction: <T>(work: () => T) => T): SenderLease {
  const me: LeaseRecord = { owner: randomUUID(), host: hostname(), pid: process.pid, until: 0 };
  let heldUntil = 0;

  const read = (): LeaseRecord | undefined => {
    const text = meta.get(META_KEY);
    if (!text) return undefined;
    try {
      return JSON.parse(text) as LeaseRecord;
    } catch {
      return undefined;
    }
  };
  const free = (lease: LeaseRecord | undefined, now: number) =>
    !lease ||
    lease.owner === me.owner ||
    lease.until < now ||
    (lease.host === me.host && lease.pid !== me.pid && !processAlive(lease.pid));

  return {
    hold() {
      const now = Date.now();
      if (heldUntil - now > RENEW_BEFORE_MS) return true;
      try {
        heldUntil = transaction(() => {
          if (!free(read(), now)) return 0;
          meta.set(META_KEY, JSON.stringify({ ...me, until: now + LEASE_MS }));
          return now + LEASE_MS;
        });
      } catch {
        // Another connection wrote first (SQLITE_BUSY): try again on the next round.
        heldUntil = 0;
      }
      return heldUntil > now;
    },
    release() {
      if (heldUntil === 0) return;
      heldUntil = 0;
      try {
        transaction(() => {
          if (read()?.owner === me.owner) meta.set(META_KEY, '');
        });
      } catch {
        // The lease simply expires.
      }
    },
  };
}
