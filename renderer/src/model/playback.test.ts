import { describe, expect, it } from 'vitest';
import {
  clampCursor,
  clockAt,
  cursorAfterRerun,
  nextDecision,
  previousDecision,
  stepBack,
  stepForward,
} from './playback';

// The "stalls before the API key" path: entered, email, waiting | timed out, checked, email, waiting | timed out, track, exit.
const decisions = [true, false, false, true, true, false, false, true, false, true];
const times = [5, 5, 5, 125, 125, 125, 125, 4445, 4445, 4445];

describe('the scrubber', () => {
  it('steps one node at a time and stops at both ends', () => {
    expect(stepForward(0, 10)).toBe(1);
    expect(stepForward(10, 10)).toBe(10);
    expect(stepBack(1, 10)).toBe(0);
    expect(stepBack(0, 10)).toBe(0);
  });

  it('jumps to each decision in turn, landing on it', () => {
    const stops: number[] = [];
    for (let cursor = 0; cursor < decisions.length; ) {
      cursor = nextDecision(decisions, cursor);
      stops.push(cursor);
    }
    expect(stops).toEqual([1, 4, 5, 8, 10]);
  });

  it('stays at the end when no decision is left', () => {
    expect(nextDecision([true, false], 1)).toBe(2);
    expect(nextDecision([true, false], 2)).toBe(2);
  });

  it('jumps back to the decision before the step shown, then to the start', () => {
    expect(previousDecision(decisions, 8)).toBe(5);
    expect(previousDecision(decisions, 7)).toBe(5);
    expect(previousDecision(decisions, 5)).toBe(4);
    expect(previousDecision(decisions, 1)).toBe(0);
    expect(previousDecision(decisions, 0)).toBe(0);
  });

  it('shows the time of the last step that happened, or the start before any', () => {
    expect(clockAt(times, 0, 0)).toBe(0);
    expect(clockAt(times, 4, 0)).toBe(125);
    expect(clockAt(times, 99, 0)).toBe(4445);
  });

  it('keeps a cursor at the end at the end when the path changes, and others in range', () => {
    expect(cursorAfterRerun(10, 10, 4)).toBe(4);
    expect(cursorAfterRerun(4, 10, 12)).toBe(4);
    expect(cursorAfterRerun(7, 10, 5)).toBe(5);
    expect(clampCursor(-3, 5)).toBe(0);
  });
});
