import { describeMs, parseDuration } from '../journey/duration';
import { humanizeEvent } from '../journey/humanize';
import type { Condition, ConditionGroup, EventWindow, PropertyFilter } from '../journey/schema';
import { compareValues, matchesFilters, parseTime, resolveRef, type ValueScope } from '../journey/values';
import type { TrackEvent } from './types';

/** What a condition is evaluated against: a moment in a user's life. */
export interface ConditionContext {
  scope: ValueScope;
  /** The user's track events in event-time order (only those at or before `now` are seen). */
  events: readonly TrackEvent[];
  now: number;
  /** When the current run entered, if there is one. */
  entryAt?: number;
  /** When the run's trigger event happened. */
  triggerAt?: number;
}

export interface ConditionResult {
  ok: boolean;
  /** One plain-English line per rule, saying what was found. */
  reasons: string[];
}

/** Resolves a window to [from, to] in ms, clipped at now; undefined when its anchor is unknown. */
export function resolveWindow(window: EventWindow, ctx: ConditionContext): { from: number; to: number } | string {
  const within = window.within ? parseDuration(window.within) : undefined;
  const clip = (from: number, to: number) => ({ from, to: Math.min(to, ctx.now) });
  switch (window.anchor) {
    case 'ever':
      return clip(Number.NEGATIVE_INFINITY, ctx.now);
    case 'now':
      return clip(within === undefined ? Number.NEGATIVE_INFINITY : ctx.now - within, ctx.now);
    case 'entry':
    case 'trigger': {
      const anchor = window.anchor === 'entry' ? ctx.entryAt : ctx.triggerAt;
      if (anchor === undefined) return `there is no ${window.anchor} time here`;
      return clip(anchor, within === undefined ? ctx.now : anchor + within);
    }
    case 'trait': {
      const name = window.trait ?? 'createdAt';
      const anchor = parseTime(ctx.scope.user[name]);
      if (anchor === undefined) return `the user has no ${name} time`;
      return clip(anchor, within === undefined ? ctx.now : anchor + within);
    }
  }
}

function describeWindow(window: EventWindow): string {
  const within = window.within ? describeMs(parseDuration(window.within)) : undefined;
  switch (window.anchor) {
    case 'ever':
      return 'ever';
    case 'now':
      return within ? `in the last ${within}` : 'ever';
    case 'entry':
      return within ? `within ${within} of entering` : 'since entering';
    case 'trigger':
      return within ? `within ${within} of the trigger` : 'since the trigger';
    case 'trait':
      return within ? `within ${within} of ${window.trait ?? 'createdAt'}` : `since ${window.trait ?? 'createdAt'}`;
  }
}

/** The events named `name` matching `filters` whose time lies in [from, to]. */
export function eventsInWindow(
  events: readonly TrackEvent[],
  name: string,
  filters: readonly PropertyFilter[],
  range: { from: number; to: number },
  scope: ValueScope,
): TrackEvent[] {
  const found: TrackEvent[] = [];
  for (const e of events) {
    if (e.timestamp > range.to) break;
    if (e.event !== name || e.timestamp < range.from) continue;
    if (matchesFilters(e.properties, filters, scope)) found.push(e);
  }
  return found;
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => String(v)).join(', ');
  return value === undefined ? 'nothing' : String(value);
}

/**
 * Evaluates one rule and says why.
 * @example evaluateCondition({kind:'trait',trait:'role',op:'equals',value:'founder'}, ctx) // {ok:true, reason:'role is founder'}
 */
export function evaluateCondition(rule: Condition, ctx: ConditionContext): { ok: boolean; reason: string } {
  switch (rule.kind) {
    case 'trait': {
      const actual = ctx.scope.user[rule.trait];
      const ok = compareValues(actual, rule.op, rule.value);
      return {
        ok,
        reason: `${rule.trait} is ${formatValue(actual)} (${rule.op.replace('_', ' ')} ${formatValue(rule.value)}: ${ok ? 'yes' : 'no'})`,
      };
    }
    case 'value': {
      const actual = resolveRef(rule.ref, ctx.scope);
      const ok = compareValues(actual, rule.op, rule.value);
      return {
        ok,
        reason: `${rule.ref} is ${formatValue(actual)} (${rule.op.replace('_', ' ')} ${formatValue(rule.value)}: ${ok ? 'yes' : 'no'})`,
      };
    }
    case 'event': {
      const range = resolveWindow(rule.window, ctx);
      const what = `${humanizeEvent(rule.event)} ${describeWindow(rule.window)}`;
      if (typeof range === 'string') return { ok: false, reason: `cannot tell whether ${what}: ${range}` };
      const seen = eventsInWindow(ctx.events, rule.event, rule.filters, range, ctx.scope).length > 0;
      const ok = seen === rule.happened;
      return { ok, reason: `${what}: ${seen ? 'happened' : 'did not happen'}` };
    }
    case 'event_count': {
      const range = resolveWindow(rule.window, ctx);
      const what = `${humanizeEvent(rule.event)} at least ${rule.atLeast} times${rule.sameProperty ? ` with the same ${rule.sameProperty}` : ''} ${describeWindow(rule.window)}`;
      if (typeof range === 'string') return { ok: false, reason: `cannot tell whether ${what}: ${range}` };
      const found = eventsInWindow(ctx.events, rule.event, rule.filters, range, ctx.scope);
      let best = found.length;
      let bestValue: string | undefined;
      if (rule.sameProperty) {
        const counts = new Map<string, number>();
        best = 0;
        for (const e of found) {
          const value = e.properties[rule.sameProperty];
          if (value === undefined || value === null) continue;
          const key = String(value);
          const n = (counts.get(key) ?? 0) + 1;
          counts.set(key, n);
          if (n > best) {
            best = n;
            bestValue = key;
          }
        }
      }
      const ok = best >= rule.atLeast;
      return {
        ok,
        reason: `${what}: seen ${best}${bestValue !== undefined ? ` (${rule.sameProperty} ${bestValue})` : ''}`,
      };
    }
  }
}

/** Evaluates a group of rules (all / any). An empty group holds. */
export function evaluateGroup(group: ConditionGroup, ctx: ConditionContext): ConditionResult {
  const results = group.rules.map((rule) => evaluateCondition(rule, ctx));
  const ok =
    group.rules.length === 0 || (group.match === 'all' ? results.every((r) => r.ok) : results.some((r) => r.ok));
  return { ok, reasons: results.map((r) => r.reason) };
}
