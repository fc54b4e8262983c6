import { writeFileSync } from 'node:fs';
import type { UserEvent } from '../../shared/engine/types';
import type { Journey } from '../../shared/journey/schema';
import { generateEvents } from '../bench/ingest-data';

/** An event as a Segment JSON line (what `dripagent import` and `dripagent simulate` read). */
export function segmentLine(event: UserEvent): string {
  const base = {
    type: event.type,
    userId: event.userId,
    timestamp: new Date(event.timestamp).toISOString(),
    messageId: event.messageId,
  };
  return JSON.stringify(
    event.type === 'track'
      ? { ...base, event: event.event, properties: event.properties }
      : { ...base, traits: event.traits },
  );
}

/**
 * A few weeks of generated history for the seed journey, shuffled (events arrive out of order),
 * with some duplicates (the same messageId twice), written as JSON lines.
 */
export function writeHistory(path: string, count: number, start: number, spanMs: number, seed = 7): UserEvent[] {
  const events = generateEvents(count, start, spanMs, seed);
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const lines = events.map(segmentLine);
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
  }
  for (let i = 0; i < lines.length; i += 37) lines.push(lines[i] as string);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return events;
}

/** The journey (the seed) with API integrations waiting `hours` for the key. */
export function withApiKeyWait(journey: Journey, hours: number): Journey {
  return {
    ...journey,
    nodes: journey.nodes.map((n) =>
      n.id === 'wait_api_key' && n.type === 'wait' && typeof n.config.timeout !== 'string'
        ? {
            ...n,
            config: {
              ...n.config,
              timeout: { ...n.config.timeout, values: { ...n.config.timeout.values, api: `${hours}h` } },
            },
          }
        : n,
    ),
  };
}
