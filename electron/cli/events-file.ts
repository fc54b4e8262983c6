import { readFileSync } from 'node:fs';
import { contentMessageId, parseSegmentEvent } from '../../shared/engine/segment';
import type { UserEvent } from '../../shared/engine/types';

export interface EventFileError {
  line: number;
  field: string;
  message: string;
}

/**
 * Reads a JSON Lines file of Segment-spec events. Blank lines are skipped; every bad line is
 * reported with its line number and field, and nothing is returned for it.
 */
export function readEventsJsonl(path: string): { events: UserEvent[]; errors: EventFileError[] } {
  const events: UserEvent[] = [];
  const errors: EventFileError[] = [];
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  lines.forEach((text, index) => {
    const line = index + 1;
    if (text.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      errors.push({ line, field: '(line)', message: `not valid JSON (${(error as Error).message})` });
      return;
    }
    const parsed = parseSegmentEvent(raw, index, { fallbackMessageId: (r) => contentMessageId(r) });
    if (parsed.ok) events.push(parsed.event);
    else for (const e of parsed.errors) errors.push({ line, ...e });
  });
  return { events, errors };
}
