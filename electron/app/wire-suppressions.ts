import type { Engine } from '../engine/engine';
import { suppressFromEvent } from '../mail/suppression/bounce-events';
import { type Suppressions, suppressionWords } from '../mail/suppression/suppressions';

/**
 * Suppressed addresses are skipped by the interpreter in every journey (reason bounced or
 * complained), and `email_bounced` / `email_complained` events suppress before they are applied.
 * (PostgreSQL's engine gets the same from pg-suppressions.ts.)
 */
export function wireSuppressions(
  engine: Pick<Engine, 'setConfig' | 'observeStored'>,
  suppressions: Suppressions,
): void {
  engine.setConfig({
    suppressed: (address) => {
      const found = suppressions.get(address);
      return found && { reason: found.reason, words: suppressionWords(found) };
    },
  });
  engine.observeStored((event, traits) => suppressFromEvent(suppressions, event, traits));
}
