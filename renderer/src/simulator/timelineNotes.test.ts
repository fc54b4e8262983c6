import { describe, expect, it } from 'vitest';
import { appendLine, formatLine, nextOffset, timelineNotes } from './timelineNotes';

describe('the timeline editor', () => {
  const journeyEvents = new Set(['integration_started', 'api_key_created', 'sync_completed']);

  it('shows the parser’s error on its line', () => {
    const { notes } = timelineNotes('+5m integration_started\n\n+3hr api_key_created', journeyEvents);
    expect(notes).toEqual([{ line: 3, severity: 'error', message: "unknown time unit 'hr' (use s, m, h, d or w)" }]);
  });

  it('warns about an event the journey never looks at, suggesting the near one', () => {
    const { notes } = timelineNotes('+1h api_key_create\n+2h page_viewed\n+3h identify plan=team', journeyEvents);
    expect(notes).toEqual([
      {
        line: 1,
        severity: 'warning',
        message: 'this journey never looks at "api_key_create": did you mean api_key_created?',
      },
      {
        line: 2,
        severity: 'warning',
        message: 'this journey never looks at "page_viewed", so it changes nothing here',
      },
    ]);
  });

  it('adds a line at the end and offers the next time an hour after the last', () => {
    expect(appendLine('+5m a\n\n', '+30m b')).toBe('+5m a\n+30m b');
    expect(appendLine('', '+30m b')).toBe('+30m b');
    expect(nextOffset([{ offsetMs: 300_000 }])).toBe('+1h05m');
    expect(nextOffset([])).toBe('+5m');
    expect(formatLine('30m', ' sync_completed ', '')).toBe('+30m sync_completed');
    expect(formatLine('+1h', 'setup_error_seen', 'error_code=401')).toBe('+1h setup_error_seen error_code=401');
  });
});
