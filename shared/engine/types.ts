/** The runtime types of the one interpreter: events in, run state, effects and outcomes out. */
import { SeenIds } from './seen-ids';

/** A product event, as stored: times are epoch milliseconds. */
export interface TrackEvent {
  type: 'track';
  event: string;
  userId: string;
  timestamp: number;
  properties: Record<string, unknown>;
  messageId: string;
  /**
   * Segment's anonymousId, when the call had one. A call with no userId ("") is kept by the live
   * engine until an identify with this anonymousId names its user. The interpreter ignores it.
   */
  anonymousId?: string;
}

export interface IdentifyEvent {
  type: 'identify';
  userId: string;
  timestamp: number;
  traits: Record<string, unknown>;
  messageId: string;
  /** See TrackEvent.anonymousId: an identify (or alias) carrying it claims that id's kept calls. */
  anonymousId?: string;
}

export type UserEvent = TrackEvent | IdentifyEvent;

/** One user's path through one journey version. */
export interface RunState {
  runId: string;
  journeyId: string;
  version: number;
  userId: string;
  status: 'active' | 'done';
  nodeId: string;
  enteredAt: number;
  /** When the run arrived at its current node. */
  nodeSince: number;
  /** The pending wake-up (delay end, wait timeout, deferred send), if any. */
  wakeAt: number | null;
  trigger: { event: string; timestamp: number; messageId: string; properties: Record<string, unknown> };
  /** The event that last moved the run (the trigger at first). */
  lastEvent: { event: string; timestamp: number; properties: Record<string, unknown> };
  vars: Record<string, string>;
  /** How often each node was reached: makes Message-IDs stable and unique per occurrence. */
  visits: Record<string, number>;
  endedAt: number | null;
  endReason: string | null;
}

export interface SentRecord {
  at: number;
  journeyId: string;
  nodeId: string;
}

/** Everything the interpreter knows about one user. Treated as immutable: each step returns a new one. */
export interface UserState {
  userId: string;
  traits: Record<string, unknown>;
  /** Track events in event-time order. */
  events: TrackEvent[];
  /** messageIds already applied, so a duplicate is applied once. */
  seen: SeenIds;
  runs: RunState[];
  sends: SentRecord[];
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  from?: string;
  replyTo?: string;
}

/** Where an effect comes from: a node of a user's run, at a time. */
export interface EffectOrigin {
  runId: string;
  journeyId: string;
  nodeId: string;
  userId: string;
  at: number;
}

/** An effect the outbox keeps once: `key` is the run, the node and the visit (`runId/nodeId/visit`). */
export interface KeyedEffectOrigin extends EffectOrigin {
  key: string;
}

/** What the outside world must do. The live engine writes these to its outbox; the simulator just reports them. */
export type Effect =
  | ({ kind: 'email'; email: RenderedEmail } & KeyedEffectOrigin)
  | ({ kind: 'webhook'; url: string; body: string; headers: Record<string, string> } & KeyedEffectOrigin)
  | ({ kind: 'emit_event'; event: TrackEvent } & KeyedEffectOrigin)
  | ({ kind: 'set_trait'; trait: string; value: string } & EffectOrigin)
  | { kind: 'schedule'; runId: string; journeyId: string; userId: string; at: number };

export type OutcomeType = 'enter' | 'email' | 'webhook' | 'track' | 'exit' | 'skip';

/** One line of `dripagent simulate`: what happened to a user, where and why. */
export interface Outcome {
  at: number;
  userId: string;
  journeyId: string;
  nodeId: string;
  type: OutcomeType;
  subject?: string;
  reason?: string;
}

/** One step of the decision log, in words, answering "why did / didn't this user get X?". */
export interface Decision {
  at: number;
  userId: string;
  journeyId: string;
  runId: string | null;
  nodeId: string | null;
  message: string;
}

export interface StepResult {
  user: UserState;
  outcomes: Outcome[];
  effects: Effect[];
  decisions: Decision[];
}

/** Rules that span journeys, set by the app (Settings) rather than by one journey. */
export interface EngineConfig {
  /** At most `max` emails per user across all journeys per `per` (a duration string). */
  globalCap: { max: number; per: string } | null;
  /** Builds the unsubscribe link put into every email's context. */
  unsubscribeUrl: (userId: string) => string;
  /** Default sender when neither node nor journey sets one. */
  defaultFrom: string;
  /**
   * Why an address must never be mailed (it bounced, or its owner complained), looked up for each
   * email across all journeys: `reason` is `bounced` or `complained`, `words` says it to a person.
   * Nothing is suppressed in simulation.
   */
  suppressed: (address: string) => { reason: string; words: string } | undefined;
}

export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  globalCap: { max: 3, per: '24h' },
  unsubscribeUrl: (userId) => `https://example.invalid/unsubscribe/${encodeURIComponent(userId)}`,
  defaultFrom: 'DripAgent <hello@example.com>',
  suppressed: () => undefined,
};

export function emptyUserState(userId: string): UserState {
  return { userId, traits: {}, events: [], seen: SeenIds.of(), runs: [], sends: [] };
}
