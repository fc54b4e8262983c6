/**
 * The scrubber's arithmetic. The cursor counts the steps of the path that have happened:
 * 0 is the start (nothing yet), `length` is the end. Times are the steps' times in order.
 */

export function clampCursor(cursor: number, length: number): number {
  return Math.max(0, Math.min(length, Math.round(cursor)));
}

/** One step forward (one node lit), stopping at the end. */
export function stepForward(cursor: number, length: number): number {
  return clampCursor(cursor + 1, length);
}

export function stepBack(cursor: number, length: number): number {
  return clampCursor(cursor - 1, length);
}

/**
 * Jumps to the next decision: the cursor lands just after it, so it is the step shown.
 * @example nextDecision([false, true, false, true], 0) // 2
 */
export function nextDecision(decisions: readonly boolean[], cursor: number): number {
  for (let i = clampCursor(cursor, decisions.length); i < decisions.length; i++) if (decisions[i]) return i + 1;
  return decisions.length;
}

/**
 * Back to the last decision before the step shown (or the start when there is none).
 * @example previousDecision([false, true, false, true], 4) // 2
 */
export function previousDecision(decisions: readonly boolean[], cursor: number): number {
  for (let i = clampCursor(cursor, decisions.length) - 2; i >= 0; i--) if (decisions[i]) return i + 1;
  return 0;
}

/** The virtual clock at a cursor: the time of the last step that happened, or the start. */
export function clockAt(times: readonly number[], cursor: number, start: number): number {
  const index = clampCursor(cursor, times.length) - 1;
  return index < 0 ? start : (times[index] as number);
}

/**
 * Where the cursor goes when the journey or the scenario changes and the path is run again: a
 * cursor at the end stays at the end (the founder sees the whole new path), others stay put.
 */
export function cursorAfterRerun(cursor: number, previousLength: number, nextLength: number): number {
  return cursor >= previousLength ? nextLength : clampCursor(cursor, nextLength);
}
