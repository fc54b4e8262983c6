/**
 * Remembers template sources whose renders keep running out of time, so a journey that reaches a
 * thousand users costs a couple of stopped renders rather than a thousand, each up to the render
 * limit. The limit is wall-clock time, which a busy machine can exceed once for a sound template,
 * so one strike is forgiven: a source is refused only after two within a minute, and only for ten
 * minutes (then it gets another chance).
 */
export interface RunawayGuard {
  /** The reason the source is refused right now, or undefined. */
  refusal(source: string, now: number): string | undefined;
  /** Records a render of `source` stopped by the time limit. */
  strike(source: string, now: number, reason: string): void;
}

const STRIKE_WINDOW_MS = 60_000;
const REFUSE_FOR_MS = 10 * 60_000;
/** Bounded memory: the guard forgets everything when it tracks this many sources. */
const MAX_SOURCES = 500;

export function createRunawayGuard(): RunawayGuard {
  const strikes = new Map<string, number>();
  const refused = new Map<string, { until: number; reason: string }>();
  return {
    refusal(source, now) {
      const entry = refused.get(source);
      if (!entry) return undefined;
      if (entry.until > now) return entry.reason;
      refused.delete(source);
      return undefined;
    },
    strike(source, now, reason) {
      const previous = strikes.get(source);
      if (previous !== undefined && now - previous <= STRIKE_WINDOW_MS) {
        if (refused.size >= MAX_SOURCES) refused.clear();
        refused.set(source, { until: now + REFUSE_FOR_MS, reason });
        strikes.delete(source);
        return;
      }
      if (strikes.size >= MAX_SOURCES) strikes.clear();
      strikes.set(source, now);
    },
  };
}
