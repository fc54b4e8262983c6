import { describeMs, parseDuration } from '../journey/duration';
import { humanizeEvent } from '../journey/humanize';
import { matchesFilters } from '../journey/values';
import { describeUnmapped, resolveVariables } from '../journey/variables';
import { endRun, execute, follow, runScope, waitHappened, waitMatches } from './advance';
import type { CompiledJourney } from './compile';
import { evaluateGroup } from './conditions';
import { MAX_PROFILE_CHARS, Step } from './step';
import type { EngineConfig, RunState, StepResult, TrackEvent, UserEvent, UserState } from './types';

/**
 * THE journey interpreter. Pure: no clock, no randomness, no I/O. The canvas simulator,
 * `dripagent simulate`, the backtest and the live scheduler all call these two functions.
 *
 *   applyEvent(ctx, user, event)          a product event (track or identify) arrives
 *   applyTimer(ctx, user, runId, due)     a run's wake-up (delay end, wait timeout, deferred send) fires
 *
 * Each returns the user's new state, the effects to carry out, the outcomes to report and a
 * decision log in words.
 */
export interface InterpreterContext {
  /** The journeys' current versions: these accept new entries (unless `accepting` is false). */
  journeys: readonly CompiledJourney[];
  /** The exact version a run in flight was started on (runs finish on their version). */
  versionOf: (journeyId: string, version: number) => CompiledJourney | undefined;
  config: EngineConfig;
  /**
   * Journeys that are paused: nobody enters, and their runs send nothing (emails and webhooks are
   * held at their node until the journey is resumed). Runs still follow what the user does.
   */
  paused?: ReadonlySet<string>;
}

/** Builds a context whose runs always use the given versions (simulation, tests). */
export function staticContext(journeys: readonly CompiledJourney[], config: EngineConfig): InterpreterContext {
  const byKey = new Map(journeys.map((j) => [`${j.journey.id}@${j.version}`, j]));
  return { journeys, versionOf: (id, version) => byKey.get(`${id}@${version}`), config };
}

/**
 * Applies one event at its own time. `now` is the wall clock (defaults to the event time, as in
 * simulation); emails whose logical time is older than a journey's max lateness are skipped as stale.
 * @example applyEvent(ctx, emptyUserState('u1'), { type: 'track', event: 'integration_started', ... })
 */
export function applyEvent(
  ctx: InterpreterContext,
  user: UserState,
  event: UserEvent,
  now = event.timestamp,
): StepResult {
  const step = new Step(user, ctx.journeys, ctx.versionOf, ctx.config, now, ctx.paused);
  if (step.user.seen.has(event.messageId)) {
    step.decide(event.timestamp, null, '', null, `Ignored a duplicate of message ${event.messageId}.`);
    return finish(step);
  }
  if (event.type === 'identify') {
    step.markSeen(event.messageId);
    if (!step.setTraits(event.traits)) {
      step.decide(
        event.timestamp,
        null,
        '',
        null,
        `Kept the profile as it was: these traits would make it larger than ${MAX_PROFILE_CHARS / 1024} KB.`,
      );
    }
    return finish(step);
  }
  const queue: TrackEvent[] = [event];
  for (let i = 0; i < queue.length && i < 100; i++) {
    const current = queue[i] as TrackEvent;
    if (i > 0 && step.user.seen.has(current.messageId)) continue;
    step.addTrackEvent(current);
    handleTrack(ctx, step, current);
    queue.push(...step.emitted.splice(0));
  }
  return finish(step);
}

/**
 * Fires a run's wake-up that was due at `due`. A wake-up that no longer matches the run (it moved
 * on or ended) is ignored, which makes duplicate or stale timer deliveries harmless.
 */
export function applyTimer(
  ctx: InterpreterContext,
  user: UserState,
  runId: string,
  due: number,
  now = due,
): StepResult {
  const step = new Step(user, ctx.journeys, ctx.versionOf, ctx.config, now, ctx.paused);
  const run = step.user.runs.find((r) => r.runId === runId);
  if (run?.status !== 'active' || run.wakeAt !== due) return finish(step);
  const compiled = ctx.versionOf(run.journeyId, run.version);
  if (!compiled) {
    endRun(step, run, due, run.nodeId, 'missing_version', 'Stopped: the journey version this run started on is gone.');
    return finish(step);
  }
  const node = compiled.nodes.get(run.nodeId);
  switch (node?.type) {
    case 'delay':
      step.decide(due, run, run.journeyId, node.id, 'The delay is over.');
      follow(step, compiled, run, node.id, 'next', due);
      break;
    case 'wait':
      step.decide(
        due,
        run,
        run.journeyId,
        node.id,
        `Waited ${describeMs(due - run.nodeSince)} for ${humanizeEvent(node.config.event)}: not seen → timed out.`,
      );
      follow(step, compiled, run, node.id, 'timed_out', due);
      break;
    case 'email':
    case 'webhook':
      // A held send (quiet hours, or a paused journey): try it again.
      execute(step, compiled, run, node.id, due, true);
      break;
    default: {
      // Cleared, so the same stale wake-up cannot fire again and again.
      const cleared = step.edit(run);
      cleared.wakeAt = null;
      step.decide(due, cleared, cleared.journeyId, cleared.nodeId, 'Ignored a wake-up for a node that does not wait.');
    }
  }
  drainEmitted(ctx, step);
  return finish(step);
}

/**
 * `journey:user:n`, numbered past every run id of that journey and user the user has: runs of a
 * deleted journey with this id are filed under another journey id but keep their run ids (and the
 * outbox keys made from them), so a new run must not take one of them.
 */
function nextRunId(runs: readonly RunState[], journeyId: string, userId: string): string {
  const prefix = `${journeyId}:${userId}:`;
  let last = 0;
  for (const run of runs) {
    if (!run.runId.startsWith(prefix)) continue;
    const n = Number(run.runId.slice(prefix.length));
    if (Number.isInteger(n) && n > last) last = n;
  }
  return `${prefix}${last + 1}`;
}

/** Why runs of a journey that was deleted ended. Such runs never count against entering again. */
export const JOURNEY_DELETED = 'journey_deleted';

/**
 * Ends the user's runs in a journey that was deleted, at `at`: they wait nowhere and get nothing
 * more from it, and a journey later made with the same id starts afresh for them.
 * @example applyJourneyDeleted(ctx, user, 'integration-setup', Date.now())
 */
export function applyJourneyDeleted(ctx: InterpreterContext, user: UserState, journeyId: string, at: number) {
  const step = new Step(user, ctx.journeys, ctx.versionOf, ctx.config, at, ctx.paused);
  for (const run of [...step.user.runs]) {
    if (run.journeyId !== journeyId || run.status !== 'active') continue;
    endRun(step, run, at, run.nodeId, JOURNEY_DELETED, 'Left: the journey was deleted, so nothing more comes from it.');
  }
  return finish(step);
}

function drainEmitted(ctx: InterpreterContext, step: Step): void {
  for (let i = 0; i < 100 && step.emitted.length > 0; i++) {
    const event = step.emitted.shift() as TrackEvent;
    if (step.user.seen.has(event.messageId)) continue;
    step.addTrackEvent(event);
    handleTrack(ctx, step, event);
  }
}

function handleTrack(ctx: InterpreterContext, step: Step, event: TrackEvent): void {
  // Runs in flight first: exit rules, then waits. Entries last, so an event cannot both start
  // a run and immediately move it.
  for (const run of [...step.user.runs]) {
    if (run.status !== 'active') continue;
    const compiled = ctx.versionOf(run.journeyId, run.version);
    if (!compiled?.events.has(event.event)) continue;
    const current = step.user.runs.find((r) => r.runId === run.runId) ?? run;
    handleRunEvent(step, compiled, current, event);
  }
  for (const compiled of ctx.journeys) {
    if (compiled.events.has(event.event)) tryEnter(step, compiled, event);
  }
}

function handleRunEvent(step: Step, compiled: CompiledJourney, run: RunState, event: TrackEvent): void {
  const scope = { ...runScope(step, run), event: event.properties };
  for (const rule of compiled.journey.exitRules) {
    if (rule.event === event.event && matchesFilters(event.properties, rule.filters, scope)) {
      const reason = rule.reason ?? rule.event;
      endRun(step, run, event.timestamp, run.nodeId, reason, `Left the journey: ${humanizeEvent(rule.event)}.`);
      return;
    }
  }
  const node = compiled.nodes.get(run.nodeId);
  if (node?.type !== 'wait' || run.wakeAt === null) return;
  // Inclusive deadline: an event exactly at the timeout still counts as in time.
  if (event.timestamp < run.nodeSince || event.timestamp > run.wakeAt) return;
  if (!waitMatches(node, event, runScope(step, run))) return;
  waitHappened(step, compiled, step.edit(run), node.id, event);
}

function tryEnter(step: Step, compiled: CompiledJourney, event: TrackEvent): undefined {
  const journey = compiled.journey;
  const trigger = compiled.triggers.find(
    (t) =>
      t.config.event === event.event &&
      matchesFilters(event.properties, t.config.filters, {
        user: step.user.traits,
        trigger: event.properties,
        event: event.properties,
        vars: {},
      }),
  );
  if (!trigger) return undefined;
  const at = event.timestamp;
  const skip = (reason: string, words: string): undefined => {
    step.outcome({ at, userId: step.user.userId, journeyId: journey.id, nodeId: trigger.id, type: 'skip', reason });
    step.decide(at, null, journey.id, trigger.id, words);
    return undefined;
  };
  if (!compiled.accepting) return skip('paused', `Did not enter: the journey is not live.`);
  const previous = step.user.runs.filter((r) => r.journeyId === journey.id);
  if (previous.some((r) => r.status === 'active'))
    return skip('already_in_journey', 'Did not enter again: already in this journey.');
  const reentry = journey.settings.reentry;
  // Runs of a deleted journey with this id belonged to another journey: they do not hold re-entry.
  const last = previous.filter((r) => r.endReason !== JOURNEY_DELETED).at(-1);
  if (last && reentry.mode === 'once') return skip('reentry', 'Did not enter: this journey is entered only once.');
  if (last && reentry.mode === 'cooldown' && at < last.enteredAt + parseDuration(reentry.cooldown)) {
    return skip(
      'reentry',
      `Did not enter: re-entry waits ${describeMs(parseDuration(reentry.cooldown))} after the last entry.`,
    );
  }
  const scope = {
    user: { id: step.user.userId, ...step.user.traits },
    trigger: event.properties,
    event: event.properties,
    vars: {},
  };
  const eligibility = evaluateGroup(trigger.config.eligibility, {
    scope,
    events: step.user.events,
    now: at,
    entryAt: at,
    triggerAt: at,
  });
  if (!eligibility.ok) return skip('not_eligible', `Did not enter: ${eligibility.reasons.join('; ')}.`);
  const { vars, unmapped } = resolveVariables(journey.variables, scope);
  const run: RunState = {
    runId: nextRunId(step.user.runs, journey.id, step.user.userId),
    journeyId: journey.id,
    version: compiled.version,
    userId: step.user.userId,
    status: 'active',
    nodeId: trigger.id,
    enteredAt: at,
    nodeSince: at,
    wakeAt: null,
    trigger: { event: event.event, timestamp: at, messageId: event.messageId, properties: event.properties },
    lastEvent: { event: event.event, timestamp: at, properties: event.properties },
    vars,
    visits: { [trigger.id]: 1 },
    endedAt: null,
    endReason: null,
  };
  step.user.runs.push(run);
  step.outcome({ at, userId: step.user.userId, journeyId: journey.id, nodeId: trigger.id, type: 'enter' });
  const why = eligibility.reasons.length > 0 ? `: ${eligibility.reasons.join('; ')}` : '';
  // A value a map does not list (a new integration type) is said, not silently defaulted.
  const unknown = unmapped.map((u) => ` Note: ${describeUnmapped(u)}.`).join('');
  step.decide(at, run, journey.id, trigger.id, `Entered on ${humanizeEvent(event.event)}${why}.${unknown}`);
  follow(step, compiled, run, trigger.id, 'next', at);
}

function finish(step: Step): StepResult {
  return { user: step.user, outcomes: step.outcomes, effects: step.effects, decisions: step.decisions };
}
