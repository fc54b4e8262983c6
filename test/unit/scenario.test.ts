import { describe, expect, it } from 'vitest';
import { parseOffset, parseTimeline, scenarioEvents } from '../../renderer/src/model/scenario-timeline';

describe('scenario timelines', () => {
  it.each([
    ['+0', 0],
    ['+30m', 30 * 60_000],
    ['+3h', 3 * 3_600_000],
    ['+1d2h', 26 * 3_600_000],
    ['2h', 2 * 3_600_000],
    ['+1.5h', 90 * 60_000],
  ])('reads %s as a relative time', (text, ms) => {
    expect(parseOffset(text)).toBe(ms);
  });

  it('reads events with properties, quoted values and comments', () => {
    const { lines, errors } = parseTimeline(
      '# the happy path\n+0 integration_started integration_type=stripe\n\n+1d setup_error_seen error_code=401 environment="production eu"',
    );
    expect(errors).toEqual([]);
    expect(lines).toEqual([
      { line: 2, offsetMs: 0, event: 'integration_started', properties: { integration_type: 'stripe' } },
      {
        line: 4,
        offsetMs: 86_400_000,
        event: 'setup_error_seen',
        properties: { error_code: '401', environment: 'production eu' },
      },
    ]);
  });

  it('names the line of an unknown time unit', () => {
    expect(parseTimeline('+0 a\n+1h b\n+3hr api_key_created').errors).toEqual([
      { line: 3, message: "unknown time unit 'hr' (use s, m, h, d or w)" },
    ]);
  });

  it('names the line of a malformed time, event or property', () => {
    expect(parseTimeline('soon api_key_created\n+1h\n+2h x error_code').errors).toEqual([
      { line: 1, message: '"soon" is not a time such as +0, +30m, +3h, +1d' },
      { line: 2, message: 'write a time and an event, e.g. "+3h api_key_created"' },
      { line: 3, message: '"error_code" is not a property: write name=value' },
    ]);
  });

  it('builds an identify from the profile and events at the right times', () => {
    const result = scenarioEvents({
      id: 's',
      profile: { role: 'engineer', createdAt: '2026-02-02T10:00:00Z' },
      timeline: '+0 integration_started\n+2h identify plan=pro',
    });
    expect(result.events.map((e) => [e.type, new Date(e.timestamp).toISOString()])).toEqual([
      ['identify', '2026-02-02T10:00:00.000Z'],
      ['track', '2026-02-02T10:00:00.000Z'],
      ['identify', '2026-02-02T12:00:00.000Z'],
    ]);
    expect(result.events[0]).toMatchObject({ traits: { role: 'engineer', email: 'scenario-s@example.com' } });
  });
});
