import type { Journey } from '../../../shared/journey/schema';
import { applyPatch, composePatches, diffJourneys, isEmptyPatch, type JourneyPatch } from '../model/diff';

/**
 * Undo history recorded as diffs. One entry per gesture: a whole drag, one auto-layout, or a run
 * of keystrokes in one field (entries with the same key, close in time, are merged). Selection and
 * viewport never enter it. A new entry clears what could be redone.
 */

export interface HistoryEntry {
  patch: JourneyPatch;
  /** Entries with the same key recorded within `MERGE_WINDOW_MS` of each other merge into one. */
  key?: string;
  at: number;
}

export interface History {
  past: HistoryEntry[];
  future: HistoryEntry[];
}

export const EMPTY_HISTORY: History = { past: [], future: [] };
export const MERGE_WINDOW_MS = 1500;
/** Enough to walk back through a long session; older steps are dropped. */
export const HISTORY_LIMIT = 300;

/**
 * Records the change from `before` to `after`.
 * @example record(EMPTY_HISTORY, a, b, { at: Date.now() }).past.length // 1 (0 when a and b are the same)
 */
export function record(
  history: History,
  before: Journey,
  after: Journey,
  { key, at }: { key?: string; at: number },
): History {
  const patch = diffJourneys(before, after);
  if (isEmptyPatch(patch)) return history;
  const last = history.past[history.past.length - 1];
  if (key !== undefined && last?.key === key && at - last.at <= MERGE_WINDOW_MS && history.future.length === 0) {
    const merged = composePatches(last.patch, patch);
    const past = history.past.slice(0, -1);
    return { past: isEmptyPatch(merged) ? past : [...past, { patch: merged, key, at }], future: [] };
  }
  const past = [...history.past, { patch, ...(key !== undefined ? { key } : {}), at }];
  return { past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past, future: [] };
}

/** Steps back one entry; undefined when there is nothing to undo. */
export function undo(history: History, journey: Journey): { history: History; journey: Journey } | undefined {
  const entry = history.past[history.past.length - 1];
  if (!entry) return undefined;
  return {
    journey: applyPatch(journey, entry.patch, 'backward'),
    // A redone step never merges with the next edit.
    history: { past: history.past.slice(0, -1), future: [...history.future, { patch: entry.patch, at: 0 }] },
  };
}

/** Steps forward one entry; undefined when there is nothing to redo. */
export function redo(history: History, journey: Journey): { history: History; journey: Journey } | undefined {
  const entry = history.future[history.future.length - 1];
  if (!entry) return undefined;
  return {
    journey: applyPatch(journey, entry.patch, 'forward'),
    history: { past: [...history.past, { patch: entry.patch, at: 0 }], future: history.future.slice(0, -1) },
  };
}
