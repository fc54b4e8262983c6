import type { CompiledJourney } from './compile';
import type { Decision, Effect, EngineConfig, Outcome, RunState, TrackEvent, UserState } from './types';

const NO_JOURNEYS: ReadonlySet<string> = new Set();

/**
 * The working copy of one interpreter call: a user's state being changed, plus what the call
 * reports. Runs are copied before they are changed, so the caller's state is never mutated.
 */
/** The largest profile (its traits as JSON), in characters: far above any real one. */
export const MAX_PROFILE_CHARS = 64 * 1024;

export class Step {
  readonly outcomes: Outcome[] = [];
  readonly effects: Effect[] = [];
  readonly decisions: Decision[] = [];
  /** Events emitted by track nodes, applied after the current input. */
  readonly emitted: TrackEvent[] = [];
  user: UserState;
  /** Whether `user.events` is this step's own copy, safe to change in place. */
  private ownsEvents = false;

  constructor(
    user: UserState,
    readonly journeys: readonly CompiledJourney[],
    readonly versionOf: (journeyId: string, version: number) => CompiledJourney | undefined,
    readonly config: EngineConfig,
    /** Wall-clock time of this call. Equals the logical time in simulation. */
    readonly now: number,
    /** Journeys whose sends are held (see InterpreterContext.paused). */
    readonly paused: ReadonlySet<string> = NO_JOURNEYS,
  ) {
    this.user = {
      ...user,
      runs: [...user.runs],
      sends: user.sends,
      events: user.events,
      seen: user.seen,
      traits: user.traits,
    };
  }

  /** Replaces a run with a changed copy and returns the copy. */
  edit(run: RunState): RunState {
    const index = this.user.runs.indexOf(run);
    const copy: RunState = { ...run, visits: { ...run.visits } };
    if (index >= 0) this.user.runs[index] = copy;
    else this.user.runs.push(copy);
    return copy;
  }

  outcome(o: Outcome): void {
    this.outcomes.push(o);
  }

  decide(at: number, run: RunState | null, journeyId: string, nodeId: string | null, message: string): void {
    this.decisions.push({ at, userId: this.user.userId, journeyId, runId: run?.runId ?? null, nodeId, message });
  }

  // Events are copied once per step, then changed in place: copying them for every event made a
  // user's history quadratic. The caller's state is never touched.
  addTrackEvent(event: TrackEvent): void {
    if (!this.ownsEvents) {
      this.user.events = this.user.events.slice();
      this.ownsEvents = true;
    }
    const events = this.user.events;
    let i = events.length;
    while (i > 0 && (events[i - 1]?.timestamp ?? 0) > event.timestamp) i--;
    if (i === events.length) events.push(event);
    else events.splice(i, 0, event);
    this.markSeen(event.messageId);
  }

  markSeen(messageId: string): void {
    this.user.seen = this.user.seen.with(messageId);
  }

  /**
   * Merges traits into the profile; false (and nothing changes) when the profile would grow past
   * MAX_PROFILE_CHARS: every event of the user loads and rewrites it, so one user sending ever new
   * traits must not slow everyone down.
   */
  setTraits(traits: Record<string, unknown>): boolean {
    const merged = { ...this.user.traits, ...traits };
    if (JSON.stringify(merged).length > MAX_PROFILE_CHARS) return false;
    this.user = { ...this.user, traits: merged };
    return true;
  }

  recordSend(at: number, journeyId: string, nodeId: string): void {
    this.user = { ...this.user, sends: [...this.user.sends, { at, journeyId, nodeId }] };
  }
}
