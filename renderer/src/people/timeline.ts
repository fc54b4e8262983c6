import type { ApiResponse } from '../../../shared/api';
import type { Journey, NodeOf } from '../../../shared/journey/schema';

export type Trace = ApiResponse<'user.trace'>;
export type TraceEvent = Trace['events'][number];
export type TraceDecision = Trace['decisions'][number];
export type TraceMessage = Trace['messages'][number];
export type TraceRun = Trace['runs'][number];

/** One line of a person's history. */
export type TimelineEntry =
  | { kind: 'event'; at: number; key: string; event: TraceEvent }
  | { kind: 'decision'; at: number; key: string; decision: TraceDecision }
  | { kind: 'message'; at: number; key: string; message: TraceMessage };

const ORDER = { event: 0, decision: 1, message: 2 } as const;

/**
 * Events, decisions and messages in one list, newest first. At the same moment an event comes
 * before what it caused, and decisions keep the order the interpreter made them in.
 */
export function buildTimeline(trace: Trace): TimelineEntry[] {
  const entries: (TimelineEntry & { seq: number })[] = [];
  let seq = 0;
  for (const event of trace.events) {
    entries.push({ kind: 'event', at: event.timestamp, key: `e:${event.messageId}`, event, seq: seq++ });
  }
  trace.decisions.forEach((decision, index) => {
    entries.push({ kind: 'decision', at: decision.at, key: `d:${index}`, decision, seq: seq++ });
  });
  for (const message of trace.messages) {
    entries.push({ kind: 'message', at: message.at, key: `m:${message.id}`, message, seq: seq++ });
  }
  entries.sort((a, b) => b.at - a.at || ORDER[b.kind] - ORDER[a.kind] || b.seq - a.seq);
  return entries.map(({ seq: _seq, ...entry }) => entry as TimelineEntry);
}

/** Whether, and why (not), one email (or webhook) step of a run reached the person. */
export interface EmailAnswer {
  runId: string;
  journeyId: string;
  nodeId: string;
  kind: 'email' | 'webhook';
  state: 'sent' | 'pending' | 'failed' | 'skipped' | 'waiting-here' | 'not-yet' | 'not-reached';
  message?: TraceMessage;
  /** The interpreter's words that explain the state, when there are any. */
  why?: string;
  at?: number;
}

/** The last thing the interpreter said about a run: where it stands, or why it ended. */
export function lastDecision(trace: Trace, runId: string): TraceDecision | undefined {
  let last: TraceDecision | undefined;
  for (const decision of trace.decisions)
    if (decision.runId === runId && (!last || decision.at >= last.at)) last = decision;
  return last;
}

/** Email and webhook steps in reading order: top to bottom, then left to right, as the canvas lays them out. */
export function emailSteps(journey: Journey): NodeOf<'email' | 'webhook'>[] {
  return journey.nodes
    .filter((node): node is NodeOf<'email' | 'webhook'> => node.type === 'email' || node.type === 'webhook')
    .sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
}

/**
 * For every email and webhook step of the run's journey version: sent (and how delivery went),
 * skipped (and why), or not reached (and where the person is instead). Answers "why did / didn't
 * they get X?", and shows a failing webhook where it failed.
 */
export function emailAnswers(trace: Trace, run: TraceRun, journey: Journey): EmailAnswer[] {
  const inRun = (at: number) => at >= run.enteredAt && (run.endedAt === null || at <= run.endedAt);
  const now = lastDecision(trace, run.runId);
  return emailSteps(journey).map((node): EmailAnswer => {
    const base = { runId: run.runId, journeyId: run.journeyId, nodeId: node.id, kind: node.type };
    const message = [...trace.messages]
      .reverse()
      .find((m) => m.journeyId === run.journeyId && m.nodeId === node.id && inRun(m.at));
    if (message) return { ...base, state: message.status, message, at: message.sentAt ?? message.at };
    const skip = [...trace.outcomes]
      .reverse()
      .find((o) => o.type === 'skip' && o.journeyId === run.journeyId && o.nodeId === node.id && inRun(o.at));
    if (skip) {
      const words = trace.decisions.find(
        (d) => d.runId === run.runId && d.nodeId === node.id && d.at === skip.at,
      )?.message;
      return { ...base, state: 'skipped', why: words ?? skip.reason, at: skip.at };
    }
    if (run.status === 'active' && run.nodeId === node.id) return { ...base, state: 'waiting-here', why: now?.message };
    if (run.status === 'active') return { ...base, state: 'not-yet', why: now?.message };
    return { ...base, state: 'not-reached', why: now?.message, at: run.endedAt ?? undefined };
  });
}
