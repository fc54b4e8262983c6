import { type SimulationInput, simulate } from '../../../shared/engine/simulate';
import type { Outcome } from '../../../shared/engine/types';
import { Journey, type JourneyInput } from '../../../shared/journey/schema';
import { DAY, HOUR, loadSeed, MIN, T0 } from '../../events';

/** Helpers that make journey scenario tests read like a timeline. */

export { DAY, HOUR, identify, loadSeed, MIN, T0, track } from '../../events';

export const seedJourneys = (): Journey[] => [loadSeed('integration-setup'), loadSeed('setup-troubleshooting')];

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
