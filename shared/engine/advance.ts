import { describeElapsed, describeMs, parseDuration } from '../journey/duration';
import { humanizeEvent } from '../journey/humanize';
import { exhaustive } from '../journey/outputs';
import type { DurationSpec, JourneyNode, NodeOf } from '../journey/schema';
import { type RenderedParts, renderTemplate, renderText, type TemplateContext } from '../journey/template';
import { templateOf } from '../journey/template-of';
import { isValidTimeZone, nextLocalTime, quietHoursEnd } from '../journey/time';
import { lookupValue, matchesFilters, resolveRef, type ValueScope } from '../journey/values';
import { type CompiledJourney, edgeKey } from './compile';
import { evaluateGroup } from './conditions';
import { isSingleAddress } from './email-address';
import { isHoldout } from './holdout';
import { randomBranch } from './random-split';
import type { Step } from './step';
import type { EffectOrigin, KeyedEffectOrigin, RenderedEmail, RunState, TrackEvent } from './types';

/** No path may take more node steps than this in one go; the validator forbids loops without a wait. */
const MAX_STEPS_PER_MOVE = 500;
const WEEKDAY_INDEX = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 } as const;

export function runScope(step: Step, run: RunState): ValueScope {
  return {
    user: { id: step.user.userId, ...step.user.traits },
    trigger: run.trigger.properties,
    event: run.lastEvent.properties,
    vars: run.vars,
  };
}

export function templateContext(step: Step, run: RunState, compiled: CompiledJourney): TemplateContext {
  const scope = runScope(step, run);
  return {
    user: scope.user,
    trigger: scope.trigger,
    event: scope.event,
    vars: scope.vars,
    journey: {
      id: compiled.journey.id,
      name: compiled.journey.name,
      entered_at: new Date(run.enteredAt).toISOString(),
      last_event: humanizeEvent(run.lastEvent.event),
    },
    unsubscribe_url: step.config.unsubscribeUrl(step.user.userId),
  };
}

/** Resolves a duration that may depend on a value (e.g. the integration's category). */
export function resolveDuration(spec: DurationSpec, scope: ValueScope): { ms: number; text: string } {
  if (typeof spec === 'string') return { ms: parseDuration(spec), text: describeMs(parseDuration(spec)) };
  const value = resolveRef(spec.by, scope);
  const chosen = lookupValue(spec.values, value) ?? spec.default;
  const text = describeMs(parseDuration(chosen));
  // "category: oauth" reads better to a marketer than the reference "vars.category".
  const name = spec.by.replace(/^(vars|user|trigger|event)\./, '').replaceAll('_', ' ');
  return { ms: parseDuration(chosen), text: value !== undefined ? `${text} (${name}: ${String(value)})` : text };
}

export function userTimeZone(step: Step, compiled: CompiledJourney): string {
  const zone = step.user.traits.timezone;
  if (typeof zone === 'string' && isValidTimeZone(zone)) return zone;
  const fallback = compiled.journey.settings.timezone;
  return isValidTimeZone(fallback) ? fallback : 'UTC';
}

/** Ends a run: records why and reports an exit. */
export function endRun(step: Step, run: RunState, at: number, nodeId: string, reason: string, words: string): RunState {
  const done = step.edit(run);
  done.status = 'done';
  done.wakeAt = null;
  done.endedAt = at;
  done.endReason = reason;
  done.nodeId = nodeId;
  step.outcome({ at, userId: step.user.userId, journeyId: run.journeyId, nodeId, type: 'exit', reason });
  step.decide(at, done, run.journeyId, nodeId, words);
  return done;
}

/**
 * Moves a run along its path from `fromNodeId` through `output`, executing every node until it
 * must wait (a delay, a wait, a deferred send) or it ends. `at` is the logical time.
 */
export function follow(
  step: Step,
  compiled: CompiledJourney,
  run: RunState,
  fromNodeId: string,
  output: string,
  at: number,
): RunState {
  const target = compiled.next.get(edgeKey(fromNodeId, output));
  if (!target) {
    return endRun(step, run, at, fromNodeId, 'completed', 'Reached the end of the path: left the journey.');
  }
  return execute(step, compiled, run, target, at, false);
}

/**
 * Executes node `nodeId` and those after it. `resumed` is true when a deferred email is retried.
 */
export function execute(
  step: Step,
  compiled: CompiledJourney,
  start: RunState,
  nodeId: string,
  startAt: number,
  resumed: boolean,
): RunState {
  let run = step.edit(start);
  let current: string | undefined = nodeId;
  // The logical time moves on only when a wait catches up on an event that already happened.
  let at = startAt;
  let isResume = resumed;
  for (let count = 0; current !== undefined; count++) {
    if (count > MAX_STEPS_PER_MOVE) {
      return endRun(step, run, at, current, 'loop_guard', 'Stopped: the path looped without waiting.');
    }
    const node = compiled.nodes.get(current);
    if (!node) return endRun(step, run, at, current, 'missing_node', `Stopped: node ${current} does not exist.`);
    if (!isResume) {
      run.visits[node.id] = (run.visits[node.id] ?? 0) + 1;
      run.nodeSince = at;
    }
    run.nodeId = node.id;
    run.wakeAt = null;
    const result = runNode(step, compiled, run, node, at, isResume);
    isResume = false;
    run = result.run;
    if (result.output === null) return run;
    if (result.at !== undefined && result.at > at) {
      // Time moved on (a wait caught up on a later event): this is not a loop without waiting.
      at = result.at;
      count = 0;
    }
    const target = compiled.next.get(edgeKey(node.id, result.output));
    if (!target) {
      return endRun(step, run, at, node.id, 'completed', 'Reached the end of the path: left the journey.');
    }
    current = target;
  }
  return run;
}

interface NodeResult {
  run: RunState;
  /** The output taken, or null when the run stops here (waiting or ended). */
  output: string | null;
  /** When the output was taken, if later than the node's start (a wait that caught up). */
  at?: number;
}

function runNode(
  step: Step,
  compiled: CompiledJourney,
  run: RunState,
  node: JourneyNode,
  at: number,
  resumed: boolean,
): NodeResult {
  const journeyId = compiled.journey.id;
  switch (node.type) {
    case 'trigger':
      return { run, output: 'next' };
    case 'delay':
      return delay(step, compiled, run, node, at);
    case 'wait':
      return wait(step, run, node, at);
    case 'condition': {
      const result = evaluateGroup(node.config, {
        scope: runScope(step, run),
        events: step.user.events,
        now: at,
        entryAt: run.enteredAt,
        triggerAt: run.trigger.timestamp,
      });
      step.decide(
        at,
        run,
        journeyId,
        node.id,
        `Checked ${node.title ?? 'condition'}: ${result.reasons.join('; ') || 'no rules'} → ${result.ok ? 'yes' : 'no'}.`,
      );
      return { run, output: result.ok ? 'true' : 'false' };
    }
    case 'split': {
      const value = resolveRef(node.config.value, runScope(step, run));
      const match = node.config.cases.find((c) =>
        c.values.some((v) => v !== null && value !== undefined && String(v) === String(value)),
      );
      const output = match?.output ?? 'everyone_else';
      step.decide(
        at,
        run,
        journeyId,
        node.id,
        `Split on ${node.config.value} = ${value === undefined ? 'nothing' : String(value)} → ${match ? (match.label ?? match.output) : 'everyone else'}.`,
      );
      return { run, output };
    }
    case 'random_split': {
      const { output, bucket } = randomBranch(step.user.userId, node);
      step.decide(at, run, journeyId, node.id, `Random split: this user's bucket is ${bucket.toFixed(2)} → ${output}.`);
      return { run, output };
    }
    case 'email':
      return email(step, compiled, run, node, at, resumed);
    case 'webhook': {
      // Max lateness holds every outside effect: history loaded today calls no webhook for last month.
      const late = lateness(step, compiled, at);
      if (late) return skip(step, run, node.id, at, 'stale', `Webhook not called: ${late}.`);
      if (step.paused.has(journeyId)) return hold(step, run, node.id, at, 'Webhook');
      const context = templateContext(step, run, compiled);
      let body: string;
      try {
        body = renderText(node.config.body, context);
      } catch (error) {
        const words = `Webhook not called: its body failed to render (${(error as Error).message}).`;
        return skip(step, run, node.id, at, 'template_error', words);
      }
      if (isHoldout(step.user.userId, journeyId, compiled.journey.settings.holdoutPercent)) {
        return skip(step, run, node.id, at, 'holdout', 'Webhook not called: this user is in the holdout group.');
      }
      step.effects.push({
        kind: 'webhook',
        ...keyedOrigin(step, run, node.id, at),
        url: node.config.url,
        body,
        headers: node.config.headers ?? {},
      });
      step.outcome({ at, userId: step.user.userId, journeyId, nodeId: node.id, type: 'webhook' });
      // Queued, not yet done: the delivery (sent, retrying, failed) shows next to it in the trace.
      step.decide(at, run, journeyId, node.id, `Calling webhook ${node.config.url}.`);
      return { run, output: 'next' };
    }
    case 'track':
      return track(step, compiled, run, node, at);
    case 'exit': {
      const reason = node.config.reason ?? 'exit_node';
      return {
        run: endRun(step, run, at, node.id, reason, `Reached an exit: left the journey (${reason}).`),
        output: null,
      };
    }
    default:
      return exhaustive(node);
  }
}

function delay(step: Step, compiled: CompiledJourney, run: RunState, node: NodeOf<'delay'>, at: number): NodeResult {
  const config = node.config;
  if (config.mode === 'duration') {
    const duration = resolveDuration(config.duration, runScope(step, run));
    run.wakeAt = at + duration.ms;
    step.decide(at, run, run.journeyId, node.id, `Waiting ${duration.text}.`);
  } else {
    const zone = userTimeZone(step, compiled);
    const days = config.days?.map((d) => WEEKDAY_INDEX[d]);
    run.wakeAt = nextLocalTime(at, config.time, zone, days, true);
    step.decide(
      at,
      run,
      run.journeyId,
      node.id,
      `Waiting until ${config.time}${config.days ? ` on ${config.days.join('/')}` : ''} in ${zone}: ${new Date(run.wakeAt).toISOString()}.`,
    );
  }
  if (run.wakeAt === at) return { run, output: 'next' };
  scheduleEffect(step, run);
  return { run, output: null };
}

function wait(step: Step, run: RunState, node: NodeOf<'wait'>, at: number): NodeResult {
  const config = node.config;
  const scope = runScope(step, run);
  const timeout = resolveDuration(config.timeout, scope);
  if (config.lookback === 'entry') {
    const found = findMatching(step.user.events, node, scope, run.enteredAt, at, run.trigger.messageId);
    if (found) {
      run.lastEvent = { event: found.event, timestamp: found.timestamp, properties: found.properties };
      step.decide(
        at,
        run,
        run.journeyId,
        node.id,
        `${humanizeEvent(config.event)} already happened since entering → happened.`,
      );
      return { run, output: 'happened' };
    }
  }
  run.wakeAt = at + timeout.ms;
  step.decide(at, run, run.journeyId, node.id, `Waiting up to ${timeout.text} for ${humanizeEvent(config.event)}.`);
  // Catching up (a paused journey resumed, a wake-up fired after later events were stored): the
  // user may already have done, after `at` and before now, what this wait waits for. That event
  // came while the run was elsewhere, so it is taken now, at its own time, as if the run had been
  // waiting. (In simulation now is `at`, and nothing is ahead of it.)
  const later = findMatching(step.user.events, node, scope, at + 1, Math.min(run.wakeAt, step.now), '');
  if (later) {
    waitMet(step, run, node.id, later);
    return { run, output: 'happened', at: later.timestamp };
  }
  scheduleEffect(step, run);
  return { run, output: null };
}

/**
 * Records that a wait's event came: the run is to leave through `happened` at the event's time.
 * `run` must be the step's own copy (see Step.edit).
 */
function waitMet(step: Step, run: RunState, nodeId: string, event: TrackEvent): void {
  run.lastEvent = { event: event.event, timestamp: event.timestamp, properties: event.properties };
  run.wakeAt = null;
  step.decide(
    event.timestamp,
    run,
    run.journeyId,
    nodeId,
    `${humanizeEvent(event.event)} happened after ${describeElapsed(event.timestamp - run.nodeSince)} → happened.`,
  );
}

/** A waiting run's event arrived: it leaves the wait through `happened`, at the event's time. */
export function waitHappened(
  step: Step,
  compiled: CompiledJourney,
  run: RunState,
  nodeId: string,
  event: TrackEvent,
): RunState {
  waitMet(step, run, nodeId, event);
  return follow(step, compiled, run, nodeId, 'happened', event.timestamp);
}

/** The first event at or after `from` and at or before `to` that satisfies a wait node. */
export function findMatching(
  events: readonly TrackEvent[],
  node: NodeOf<'wait'>,
  scope: ValueScope,
  from: number,
  to: number,
  exclude: string,
): TrackEvent | undefined {
  // Events are in time order: start at the first one at or after `from` (a user's history can be long).
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((events[mid] as TrackEvent).timestamp < from) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < events.length; i++) {
    const e = events[i] as TrackEvent;
    if (e.timestamp > to) break;
    if (e.event !== node.config.event || e.messageId === exclude) continue;
    if (waitMatches(node, e, scope)) return e;
  }
  return undefined;
}

export function waitMatches(node: NodeOf<'wait'>, event: TrackEvent, scope: ValueScope): boolean {
  return event.event === node.config.event && matchesFilters(event.properties, node.config.filters, scope);
}

function scheduleEffect(step: Step, run: RunState): void {
  if (run.wakeAt === null) return;
  step.effects.push({
    kind: 'schedule',
    runId: run.runId,
    journeyId: run.journeyId,
    userId: step.user.userId,
    at: run.wakeAt,
  });
}

/**
 * Holds a send of a paused journey at its node: the wake-up is due at once, and the scheduler keeps
 * it until the journey is resumed. Emails then still obey max lateness, so a long pause ends in
 * `stale` skips rather than old reminders.
 */
function hold(step: Step, run: RunState, nodeId: string, at: number, what: 'Email' | 'Webhook'): NodeResult {
  run.wakeAt = at;
  step.decide(at, run, run.journeyId, nodeId, `${what} held: the journey is paused. It goes out when it is resumed.`);
  scheduleEffect(step, run);
  return { run, output: null };
}

/**
 * How much later than the journey's max lateness an effect due at `at` would happen now, in words
 * ("31 days late, more than …"), or undefined when it is in time.
 */
function lateness(step: Step, compiled: CompiledJourney, at: number): string | undefined {
  const late = step.now - at;
  const limit = parseDuration(compiled.journey.settings.maxLateness);
  if (late <= limit) return undefined;
  return `${describeElapsed(late)} late, more than the journey's max lateness of ${describeMs(limit)}`;
}

const emailCount = (n: number) => `${n} ${n === 1 ? 'email' : 'emails'}`;

/** Records why a node did nothing for this user; the run goes on along `next`. */
function skip(step: Step, run: RunState, nodeId: string, at: number, reason: string, words: string): NodeResult {
  step.outcome({ at, userId: step.user.userId, journeyId: run.journeyId, nodeId, type: 'skip', reason });
  step.decide(at, run, run.journeyId, nodeId, words);
  return { run, output: 'next' };
}

/** Where an effect of this node comes from, without a key (a trait change is not kept in the outbox). */
function effectOrigin(step: Step, run: RunState, nodeId: string, at: number): EffectOrigin {
  return { runId: run.runId, journeyId: run.journeyId, nodeId, userId: step.user.userId, at };
}

/**
 * Where an effect of this node comes from, keyed by this visit of this run (`runId/nodeId/visit`):
 * the outbox keeps one effect per key, so replaying a step (after a crash) never sends twice.
 */
function keyedOrigin(step: Step, run: RunState, nodeId: string, at: number): KeyedEffectOrigin {
  return { key: `${run.runId}/${nodeId}/${run.visits[nodeId] ?? 1}`, ...effectOrigin(step, run, nodeId, at) };
}

function email(
  step: Step,
  compiled: CompiledJourney,
  run: RunState,
  node: NodeOf<'email'>,
  at: number,
  resumed: boolean,
): NodeResult {
  const settings = compiled.journey.settings;
  const journeyId = compiled.journey.id;
  const traits = step.user.traits;
  const notSent = (reason: string, words: string) => skip(step, run, node.id, at, reason, words);
  const late = lateness(step, compiled, at);
  if (late) return notSent('stale', `Not sent: ${late}.`);
  if (step.paused.has(journeyId)) return hold(step, run, node.id, at, 'Email');
  if (traits.unsubscribed === true || traits.unsubscribed === 'true') {
    return notSent('unsubscribed', 'Not sent: the user unsubscribed.');
  }
  if (typeof traits.email !== 'string' || traits.email.trim() === '') {
    return notSent('no_email_address', 'Not sent: the user has no email address (the email trait is empty).');
  }
  if (!isSingleAddress(traits.email)) {
    return notSent(
      'invalid_email',
      `Not sent: the email trait ${JSON.stringify(traits.email.slice(0, 80))} is not a valid email address.`,
    );
  }
  const suppressed = step.config.suppressed(traits.email);
  if (suppressed) return notSent(suppressed.reason, `Not sent: ${suppressed.words}.`);
  if (settings.quietHours) {
    const zone = userTimeZone(step, compiled);
    const end = quietHoursEnd(at, settings.quietHours.start, settings.quietHours.end, zone);
    if (end !== undefined) {
      run.wakeAt = end;
      step.decide(
        at,
        run,
        journeyId,
        node.id,
        `Quiet hours (${settings.quietHours.start}–${settings.quietHours.end} in ${zone}): deferred to ${new Date(end).toISOString()}.`,
      );
      scheduleEffect(step, run);
      return { run, output: null };
    }
  }
  const sends = step.user.sends;
  if (settings.frequencyCap) {
    const per = parseDuration(settings.frequencyCap.per);
    const recent = sends.filter((s) => s.journeyId === journeyId && s.at > at - per && s.at <= at).length;
    if (recent >= settings.frequencyCap.max) {
      return notSent(
        'journey_cap',
        `Skipped: journey frequency cap, ${emailCount(recent)} from this journey in ${describeMs(per)}.`,
      );
    }
  }
  const cap = step.config.globalCap;
  if (cap) {
    const per = parseDuration(cap.per);
    const recent = sends.filter((s) => s.at > at - per && s.at <= at).length;
    if (recent >= cap.max) {
      return notSent('frequency_cap', `Skipped: frequency cap, ${emailCount(recent)} in ${describeMs(per)}.`);
    }
  }
  const template = templateOf(compiled.journey, node.config.template);
  if (!template) {
    return notSent('missing_template', `Not sent: template "${node.config.template}" does not exist.`);
  }
  let rendered: RenderedParts;
  try {
    rendered = renderTemplate(template, templateContext(step, run, compiled));
  } catch (error) {
    return notSent('template_error', `Not sent: the template failed to render (${(error as Error).message}).`);
  }
  // Last, where the email would go out: holdout users take the same path at the same times.
  if (isHoldout(step.user.userId, journeyId, settings.holdoutPercent)) {
    return notSent('holdout', 'Not sent: this user is in the holdout group, who get none of this journey’s emails.');
  }
  const from = node.config.from ?? settings.from ?? step.config.defaultFrom;
  step.effects.push({
    kind: 'email',
    ...keyedOrigin(step, run, node.id, at),
    email: withSender(rendered, from, node.config.replyTo),
  });
  step.recordSend(at, journeyId, node.id);
  step.outcome({ at, userId: step.user.userId, journeyId, nodeId: node.id, type: 'email', subject: rendered.subject });
  step.decide(at, run, journeyId, node.id, `${resumed ? 'Sent the held' : 'Sent'} email "${rendered.subject}".`);
  return { run, output: 'next' };
}

function track(step: Step, compiled: CompiledJourney, run: RunState, node: NodeOf<'track'>, at: number): NodeResult {
  const journeyId = compiled.journey.id;
  const context = templateContext(step, run, compiled);
  const config = node.config;
  if (config.action === 'event') {
    const properties: Record<string, unknown> = { journey_id: journeyId };
    for (const [key, source] of Object.entries(config.properties)) properties[key] = renderText(source, context);
    const origin = keyedOrigin(step, run, node.id, at);
    const event: TrackEvent = {
      type: 'track',
      event: config.event,
      userId: step.user.userId,
      timestamp: at,
      properties,
      messageId: `dripagent:${origin.key}`,
    };
    step.effects.push({ kind: 'emit_event', ...origin, event });
    step.emitted.push(event);
    step.outcome({ at, userId: step.user.userId, journeyId, nodeId: node.id, type: 'track', reason: config.event });
    step.decide(at, run, journeyId, node.id, `Recorded event ${humanizeEvent(config.event)}.`);
  } else {
    const value = renderText(config.value, context);
    step.setTraits({ [config.trait]: value });
    step.effects.push({ kind: 'set_trait', ...effectOrigin(step, run, node.id, at), trait: config.trait, value });
    step.outcome({
      at,
      userId: step.user.userId,
      journeyId,
      nodeId: node.id,
      type: 'track',
      reason: `${config.trait}=${value}`,
    });
    step.decide(at, run, journeyId, node.id, `Set ${config.trait} to "${value}".`);
  }
  return { run, output: 'next' };
}

/** The rendered parts with their sender. */
function withSender(parts: RenderedParts, from: string, replyTo: string | undefined): RenderedEmail {
  // Written out rather than spread: this runs for every email the engine sends.
  return replyTo
    ? { subject: parts.subject, html: parts.html, text: parts.text, from, replyTo }
    : { subject: parts.subject, html: parts.html, text: parts.text, from };
}
