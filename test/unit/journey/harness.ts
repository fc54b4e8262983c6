import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SimulationInput, simulate } from '../../../shared/engine/simulate';
import type { IdentifyEvent, Outcome, TrackEvent } from '../../../shared/engine/types';
import { Journey, type JourneyInput } from '../../../shared/journey/schema';

/** Helpers that make journey scenario tests read like a timeline. */

export const T0 = Date.parse('2026-03-02T09:00:00Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export function loadSeed(id: 'integration-setup' | 'setup-troubleshooting'): Journey {
  return Journey.parse(
    JSON.parse(readFileSync(join(import.meta.dirname, '../../../resources/journeys', `${id}.json`), 'utf8')),
  );
}

export const seedJourneys = (): Journey[] => [loadSeed('integration-setup'), loadSeed('setup-troubleshooting')];

let counter = 0;

/** A track event at T0 + offset. */
export function track(
  userId: string,
  event: string,
  offset: number,
  properties: Record<string, unknown> = {},
  messageId?: string,
): TrackEvent {
  counter++;
  return { type: 'track', event, userId, timestamp: T0 + offset, properties, messageId: messageId ?? `m${counter}` };
}

/** An identify at T0 + offset with signup (createdAt) at T0 and an email address by default. */
export function identify(userId: string, traits: Record<string, unknown> = {}, offset = 0): IdentifyEvent {
  counter++;
  return {
    type: 'identify',
    userId,
    timestamp: T0 + offset,
    traits: { email: `${userId}@example.com`, createdAt: new Date(T0).toISOString(), ...traits },
    messageId: `i${counter}`,
  };
}

/** Runs events through journeys (the seed's by default) and returns outcomes and the rest. */
export function run(
  events: SimulationInput['events'],
  journeys: Journey[] = seedJourneys(),
  extra: Partial<SimulationInput> = {},
) {
  return simulate({ journeys, events, ...extra });
}

/** Compact form of outcomes for assertions: "+2h email credential_help". */
export function timeline(
  outcomes: Outcome[],
  types: Outcome['type'][] = ['email', 'webhook', 'track', 'exit', 'skip', 'enter'],
): string[] {
  return outcomes
    .filter((o) => types.includes(o.type))
    .map((o) => `${offset(o.at)} ${o.type} ${o.nodeId}${o.reason ? ` (${o.reason})` : ''}`);
}

export function emails(outcomes: Outcome[]): string[] {
  return timeline(outcomes, ['email']);
}

function offset(at: number): string {
  const ms = at - T0;
  if (ms % DAY === 0 && ms !== 0) return `+${ms / DAY}d`;
  if (ms % HOUR === 0) return `+${ms / HOUR}h`;
  return `+${ms / MIN}m`;
}

/** A minimal journey for node-type tests: trigger "go" → the given nodes in a chain. */
export function chain(nodes: JourneyInput['nodes'], extra: Partial<JourneyInput> = {}): Journey {
  const all = [
    { id: 'go', type: 'trigger', position: { x: 0, y: 0 }, config: { event: 'go' } },
    ...nodes,
  ] as JourneyInput['nodes'];
  const edges = all.slice(1).map((node, i) => ({ id: `e${i}`, from: all[i]?.id ?? '', output: 'next', to: node.id }));
  return Journey.parse({
    formatVersion: 1,
    id: 'test',
    name: 'Test',
    nodes: all,
    edges,
    templates: {
      hello: {
        subject: 'Hello {{ user.name | default: "there" }}',
        html: '<p>Hi {{ user.name | default: "there" }}</p>',
        text: 'Hi',
      },
    },
    ...extra,
  });
}

export const at = (x: number, y: number) => ({ x, y });
