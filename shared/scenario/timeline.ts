import type { TrackEvent, UserEvent } from '../engine/types';
import type { Scenario } from '../journey/schema';

/**
 * A founder's scenario, written as lines of relative times and events:
 *
 *   +0 integration_started integration_type=stripe
 *   +3h api_key_created
 *   +1d2h setup_error_seen error_code=401 environment="production eu"
 *   +2d identify role=engineer
 *
 * Times are offsets from the scenario start (the profile's createdAt, or a fixed Monday morning).
 */

export const DEFAULT_SCENARIO_START = '2026-01-05T09:00:00.000Z';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export interface TimelineLine {
  line: number;
  offsetMs: number;
  /** An event name, or "identify" to change profile traits. */
  event: string;
  properties: Record<string, string>;
}

export interface TimelineError {
  line: number;
  message: string;
}

/**
 * Parses a relative time: `+0`, `+30m`, `+1d2h`, `2h` (the plus is optional).
 * @example parseOffset('+1d2h') // 93600000
 */
export function parseOffset(text: string): number | string {
  const body = text.replace(/^\+/, '');
  if (body === '0' || body === '') return 0;
  let total = 0;
  let rest = body;
  while (rest.length > 0) {
    const match = /^(\d+(?:\.\d+)?)([a-zA-Z]+)/.exec(rest);
    if (!match) return `"${text}" is not a time such as +0, +30m, +3h, +1d`;
    const unit = UNIT_MS[match[2] as string];
    if (unit === undefined) return `unknown time unit '${match[2]}' (use s, m, h, d or w)`;
    total += Number(match[1]) * unit;
    rest = rest.slice(match[0].length);
  }
  return Math.round(total);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A time relative to the scenario start, written the way the timeline is written (so it can be
 * copied into it: `parseOffset` reads it back). Minutes are two digits after hours, like a clock.
 * @example formatOffset(125 * 60_000) // '+2h05m'
 * @example formatOffset(0) // '+0'
 */
export function formatOffset(ms: number): string {
  if (ms < 0) return `-${formatOffset(-ms).slice(1)}`;
  const seconds = Math.round(ms / 1_000);
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  const s = seconds % 60;
  if (d === 0 && h === 0 && m === 0 && s === 0) return '+0';
  let text = '+';
  if (d > 0) text += `${d}d`;
  if (h > 0) text += `${h}h`;
  if (m > 0) text += h > 0 ? `${pad(m)}m` : `${m}m`;
  if (s > 0) text += h > 0 || m > 0 ? `${pad(s)}s` : `${s}s`;
  return text;
}

/** Splits `a=1 b="two words"` into properties; errors say which token is wrong. */
function parseProperties(tokens: string): Record<string, string> | string {
  const properties: Record<string, string> = {};
  const pattern = /\s*([A-Za-z_][\w.-]*)=("(?:[^"\\]|\\.)*"|\S*)/y;
  let index = 0;
  const text = tokens.trim();
  while (index < text.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (!match) return `"${text.slice(index).trim().split(/\s+/)[0]}" is not a property: write name=value`;
    const raw = match[2] ?? '';
    properties[match[1] as string] = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    index = pattern.lastIndex;
    while (text[index] === ' ') index++;
  }
  return properties;
}

/**
 * Parses a whole timeline; blank lines and lines starting with # are ignored.
 * @example parseTimeline('+3h api_key_created').lines[0].offsetMs // 10800000
 */
export function parseTimeline(text: string): { lines: TimelineLine[]; errors: TimelineError[] } {
  const lines: TimelineLine[] = [];
  const errors: TimelineError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = /^(\S+)\s+([A-Za-z_][\w.:-]*)(.*)$/.exec(trimmed);
    if (!match) {
      errors.push({ line, message: 'write a time and an event, e.g. "+3h api_key_created"' });
      return;
    }
    const offset = parseOffset(match[1] as string);
    if (typeof offset === 'string') {
      errors.push({ line, message: offset });
      return;
    }
    const properties = parseProperties(match[3] ?? '');
    if (typeof properties === 'string') {
      errors.push({ line, message: properties });
      return;
    }
    lines.push({ line, offsetMs: offset, event: match[2] as string, properties });
  });
  return { lines, errors };
}

export interface ScenarioEvents {
  userId: string;
  start: number;
  events: UserEvent[];
  errors: TimelineError[];
}

/**
 * Turns a scenario into the Segment-style events the interpreter (and `dripagent simulate`) takes:
 * an identify with the profile at the start, then one event per line.
 */
export function scenarioEvents(
  scenario: Pick<Scenario, 'id' | 'profile' | 'timeline'> & { userId?: string | undefined },
): ScenarioEvents {
  const userId = scenario.userId ?? `scenario-${scenario.id}`;
  const created = typeof scenario.profile.createdAt === 'string' ? Date.parse(scenario.profile.createdAt) : Number.NaN;
  const start = Number.isNaN(created) ? Date.parse(DEFAULT_SCENARIO_START) : created;
  const parsed = parseTimeline(scenario.timeline);
  const events: UserEvent[] = [
    {
      type: 'identify',
      userId,
      timestamp: start,
      traits: {
        email: `${userId}@example.com`,
        timezone: 'UTC',
        ...scenario.profile,
        createdAt: new Date(start).toISOString(),
      },
      messageId: `${userId}:profile`,
    },
  ];
  for (const line of parsed.lines) {
    const timestamp = start + line.offsetMs;
    const messageId = `${userId}:line${line.line}`;
    if (line.event === 'identify') {
      events.push({ type: 'identify', userId, timestamp, traits: line.properties, messageId });
    } else {
      const event: TrackEvent = {
        type: 'track',
        event: line.event,
        userId,
        timestamp,
        properties: line.properties,
        messageId,
      };
      events.push(event);
    }
  }
  return { userId, start, events, errors: parsed.errors };
}
