import type { Journey } from '../../../shared/journey/schema';

/**
 * Drafts the engine cannot store yet (a step still needs an event) are kept in this window's
 * storage, so a reload loses nothing; they are dropped once the engine has the draft.
 */
const key = (journeyId: string) => `dripagent.unsaved.${journeyId}`;

export function writeBackup(journeyId: string, journey: Journey): void {
  try {
    globalThis.localStorage?.setItem(key(journeyId), JSON.stringify(journey));
  } catch {
    // Storage full or disabled: the draft still lives in memory.
  }
}

export function readBackup(journeyId: string): Journey | undefined {
  try {
    const text = globalThis.localStorage?.getItem(key(journeyId));
    return text ? (JSON.parse(text) as Journey) : undefined;
  } catch {
    return undefined;
  }
}

export function clearBackup(journeyId: string): void {
  try {
    globalThis.localStorage?.removeItem(key(journeyId));
  } catch {
    // Nothing to clear.
  }
}
