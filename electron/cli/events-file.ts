import { readFileSync } from 'node:fs';
import type { UserEvent } from '../../shared/engine/types';
import { contentMessageId, parseSegmentEvent } from '../engine/segment';

export interface EventFileError {
  line: number;
  field: string;
  message: string;
}

/** Splits JSON Lines text into parsed objects, each with its line number; blank lines are skipped. */
export function jsonLines(text: string): { line: number; raw?: unknown; error?: string }[] {
  const out: { line: number; raw?: unknown; error?: string }[] = [];
  text.split(/\r?\n/).forEach((content, index) => {
    if (content.trim() === '') return;
    try {
      out.push({ line: index + 1, raw: JSON.parse(content) });
    } catch (error) {
      out.push({ line: index + 1, error: `not valid JSON (${(error as Error).message})` });
    }
  });
  return out;
}

/**
 * Reads a JSON Lines file of Segment-spec events. Every bad line is reported with its line
 * number and field, and nothing is returned for it.
 */
export function readEventsJsonl(path: string): {
  events: UserEvent[];
  errors: EventFileError[];
  /** Lines of calls with only an anonymousId: no journey runs for a person not yet named. */
  anonymous: number[];
} {
  const events: UserEvent[] = [];
  const errors: EventFileError[] = [];
  const anonymous: number[] = [];
  for (const { line, raw, error } of jsonLines(readFileSync(path, 'utf8'))) {
    if (error) {
      errors.push({ line, field: '(line)', message: error });
      continue;
    }
    const parsed = parseSegmentEvent(raw, line - 1, { fallbackMessageId: (r) => contentMessageId(r) });
    if (!parsed.ok) for (const e of parsed.errors) errors.push({ line, ...e });
    else if (parsed.event.userId === '') anonymous.push(line);
    else events.push(parsed.event);
  }
  return { events, errors, anonymous };
}
