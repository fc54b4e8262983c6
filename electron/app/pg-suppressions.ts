import type { Clock } from '../engine/clock';
import type { BatchHooks } from '../engine/pg-engine';
import { batchSuppressionRules } from '../mail/suppression/batch-rules';
import { BOUNCE_EVENTS, suppressFromEvent } from '../mail/suppression/bounce-events';
import { suppressionWords } from '../mail/suppression/suppressions';
import { batchSuppressions } from '../store/pg/suppression-rows';

/**
 * Suppressions for the PostgreSQL engine, as core.ts wires them for SQLite's: suppressed addresses
 * are skipped by the interpreter in every journey, and `email_bounced` / `email_complained` events
 * suppress before they are applied. The same rules (createSuppressions, suppressFromEvent) run on
 * the rows of the transaction's users, read first and written with the batch.
 */
export function pgSuppressionHooks(clock: Clock): BatchHooks {
  return async (sql, users, events) => {
    const addresses: string[] = [];
    // A value with a NUL is no address (and PostgreSQL refuses one in a text parameter).
    const add = (value: unknown) => {
      if (typeof value === 'string' && value.trim() !== '' && !value.includes('\u0000')) addresses.push(value);
    };
    for (const user of users) add(user.traits.email);
    for (const event of events) {
      if (event.type === 'identify') add(event.traits.email);
      else if (Object.hasOwn(BOUNCE_EVENTS, event.event)) add(event.properties.email);
    }
    const batch = await batchSuppressions(sql, addresses);
    const { suppressions, journal } = batchSuppressionRules(batch, clock);
    return {
      suppressed: (address) => {
        const found = suppressions.get(address);
        return found && { reason: found.reason, words: suppressionWords(found) };
      },
      beforeEvent: (event, state) => suppressFromEvent(suppressions, event, () => state.traits),
      journal,
      write: batch.write,
    };
  };
}
