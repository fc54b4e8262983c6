import type { Clock } from '../../engine/clock';
import type { Store } from '../../store';
import { normalizeAddress, type Suppression, type SuppressionReason } from '../../store/suppressions-repo';

/** Soft bounces on this many different days… */
export const SOFT_BOUNCE_DAYS = 3;
/** …within this many days (today included) suppress the address as `bounced`. */
export const SOFT_BOUNCE_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;

export interface SuppressInput {
  address: string;
  userId?: string | null;
  reason: SuppressionReason;
  source: string;
  detail: string;
}

/**
 * Who is never mailed again, across all journeys: addresses that bounced hard, complained, or
 * soft-bounced on SOFT_BOUNCE_DAYS different days within SOFT_BOUNCE_WINDOW_DAYS. The interpreter
 * skips them (reason `bounced` / `complained`) and the sender refuses them as a last line of defence.
 */
export interface Suppressions {
  /** Why an address is suppressed; one indexed lookup, fine for every email. */
  get(address: string): Suppression | undefined;
  /** Records a suppression (the first reason wins); returns false when the address already was. */
  suppress(input: SuppressInput): boolean;
  /** Counts a soft bounce; returns true when it made the address suppressed. */
  softBounce(input: Omit<SuppressInput, 'reason'>): boolean;
  /** Mails the address again. */
  remove(address: string): boolean;
  /** Told after each change (for the Suppressions view). @returns a function that removes the listener */
  onChange(listener: () => void): () => void;
}

const REASON_WORDS: Record<SuppressionReason, string> = {
  bounced: 'it bounced',
  complained: 'its owner marked an email as spam',
};

/** "Stopped mailing ann@example.com: it bounced (550 5.1.1 No such user)." */
export const suppressionWords = (s: Pick<Suppression, 'address' | 'reason' | 'detail'>) =>
  `${s.address} is suppressed: ${REASON_WORDS[s.reason]}${s.detail ? ` (${s.detail})` : ''}`;

export function createSuppressions({ store, clock }: { store: Store; clock: Clock }): Suppressions {
  const listeners = new Set<() => void>();
  const changed = (userId: string | null | undefined) => {
    if (userId) store.changes.person(userId);
    for (const listener of [...listeners]) listener();
  };
  /** The suppression row and the person's journal entry, written together; false when already suppressed. */
  const record = (input: SuppressInput): Suppression | undefined => {
    const at = clock.now();
    const entry: Suppression = {
      address: normalizeAddress(input.address),
      userId: input.userId ?? null,
      reason: input.reason,
      source: input.source,
      detail: input.detail.slice(0, 500),
      at,
    };
    if (!store.suppressions.add(entry)) return undefined;
    // The person's timeline says when and why mail to them stopped.
    if (entry.userId) {
      const message = `Stopped mailing ${suppressionWords(entry)}. No journey sends to this address any more.`;
      store.journal.append(entry.userId, at, {
        outcomes: [],
        decisions: [{ at, userId: entry.userId, journeyId: '', runId: null, nodeId: null, message }],
      });
    }
    return entry;
  };
  const suppress = (input: SuppressInput): boolean => {
    const entry = store.transaction(() => record(input));
    if (entry) changed(entry.userId);
    return entry !== undefined;
  };
  return {
    get: (address) => store.suppressions.get(address),
    suppress,
    softBounce(input) {
      // The bounce day and, at the third day, the suppression: one transaction.
      const entry = store.transaction(() => {
        const at = clock.now();
        const day = Math.floor(at / DAY_MS);
        const days = store.suppressions.softBounce(
          input.address,
          day,
          at,
          input.detail.slice(0, 500),
          day - SOFT_BOUNCE_WINDOW_DAYS + 1,
        );
        if (days < SOFT_BOUNCE_DAYS || store.suppressions.get(input.address)) return undefined;
        return record({
          ...input,
          reason: 'bounced',
          source: `${input.source}, soft bounces`,
          detail: `soft bounces on ${days} days within ${SOFT_BOUNCE_WINDOW_DAYS} days, last: ${input.detail}`,
        });
      });
      if (entry) changed(entry.userId);
      return entry !== undefined;
    },
    remove(address) {
      const entry = store.suppressions.get(address);
      const removed = store.suppressions.remove(address);
      if (removed) changed(entry?.userId);
      return removed;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
