import { formatOffset, parseTimeline, type TimelineLine } from '../model/scenario-timeline';

export interface LineNote {
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

/**
 * What is wrong with each line of a timeline: the parser's errors, and events this journey never
 * looks at (most often a typo), with the closest name it does use.
 * @example timelineNotes('+3hr api_key_created', new Set(['api_key_created']))
 *   // [{ line: 1, severity: 'error', message: "unknown time unit 'hr' (use s, m, h, d or w)" }]
 */
export function timelineNotes(
  text: string,
  journeyEvents: ReadonlySet<string>,
): { lines: TimelineLine[]; notes: LineNote[] } {
  const parsed = parseTimeline(text);
  const notes: LineNote[] = parsed.errors.map((error) => ({ ...error, severity: 'error' as const }));
  for (const line of parsed.lines) {
    if (line.event === 'identify' || journeyEvents.has(line.event)) continue;
    const near = closest(line.event, journeyEvents);
    notes.push({
      line: line.line,
      severity: 'warning',
      message: `this journey never looks at "${line.event}"${near ? `: did you mean ${near}?` : ', so it changes nothing here'}`,
    });
  }
  notes.sort((a, b) => a.line - b.line);
  return { lines: parsed.lines, notes };
}

/** The name within two edits of `word`, if there is one. */
function closest(word: string, names: Iterable<string>): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(word, name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((row[j - 1] as number) + 1, (previous[j] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = row;
  }
  return previous[b.length] as number;
}

/**
 * Adds a line at the end of a timeline, on its own line.
 * @example appendLine('+5m integration_started', '+30m sync_completed') // '+5m integration_started\n+30m sync_completed'
 */
export function appendLine(text: string, line: string): string {
  const body = text.replace(/\s+$/, '');
  return body === '' ? line : `${body}\n${line}`;
}

/**
 * A time to offer for the next event: an hour after the last one.
 * @example nextOffset('+5m integration_started') // '+1h05m'
 */
export function nextOffset(lines: readonly Pick<TimelineLine, 'offsetMs'>[]): string {
  const last = lines.reduce((max, line) => Math.max(max, line.offsetMs), -1);
  return last < 0 ? '+5m' : formatOffset(last + 3_600_000);
}

/**
 * One timeline line from its parts (properties as typed: `a=1 b="two words"`).
 * @example formatLine('+1h', 'setup_error_seen', 'error_code=401') // '+1h setup_error_seen error_code=401'
 */
export function formatLine(time: string, event: string, properties: string): string {
  const at = time.trim() === '' ? '+0' : time.trim().startsWith('+') ? time.trim() : `+${time.trim()}`;
  return [at, event.trim(), properties.trim()].filter((part) => part !== '').join(' ');
}
