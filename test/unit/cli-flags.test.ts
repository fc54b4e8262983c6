import { describe, expect, it } from 'vitest';
import { parseCommandFlags, UsageError } from '../../electron/cli/command';
import { parseIsoTime } from '../../electron/cli/iso-time';
import { flagValue, periodFromFlags } from '../../electron/cli/period';

const spec = { values: ['data', 'from', 'to', 'junit'], switches: ['json'] };

describe('command flags are checked against what the command takes', () => {
  it('reads known flags, values and positional arguments', () => {
    expect(parseCommandFlags(['--from', '2026-03-01', 'x', '--json', 'y', '--to=2026-04-01'], spec)).toEqual({
      flags: { from: ['2026-03-01'], json: ['true'], to: ['2026-04-01'] },
      positional: ['x', 'y'],
    });
  });

  it('refuses a misspelt flag, naming it and what the command takes', () => {
    expect(() => parseCommandFlags(['--form', '2026-03-10'], spec)).toThrow(UsageError);
    expect(() => parseCommandFlags(['--form', '2026-03-10'], spec)).toThrow(/Unknown option --form\. .*--from/);
  });

  it('refuses a value flag with no value, and a switch given one', () => {
    expect(() => parseCommandFlags(['resources/journeys', '--junit'], spec)).toThrow('--junit needs a value.');
    expect(() => parseCommandFlags(['--data', '--json'], spec)).toThrow('--data needs a value.');
    expect(() => parseCommandFlags(['--data='], spec)).toThrow('--data needs a value.');
    expect(() => parseCommandFlags(['--json=yes'], spec)).toThrow('--json takes no value');
  });

  it('an empty --activation-event is not a name', () => {
    expect(() => flagValue({ 'activation-event': [''] }, 'activation-event')).toThrow('needs a value');
  });
});

describe('ISO dates and times on the command line', () => {
  it('reads dates and times, UTC unless an offset says otherwise', () => {
    expect(parseIsoTime('2026-03-01')).toBe(Date.UTC(2026, 2, 1));
    expect(parseIsoTime('2026-03-01T09:00')).toBe(Date.UTC(2026, 2, 1, 9));
    expect(parseIsoTime('2026-03-01T09:00:00.5Z')).toBe(Date.UTC(2026, 2, 1, 9, 0, 0, 500));
    expect(parseIsoTime('2026-03-01T09:00:00+02:00')).toBe(Date.UTC(2026, 2, 1, 7));
    expect(parseIsoTime('2026-03-01T09:00:00-05:30')).toBe(Date.UTC(2026, 2, 1, 14, 30));
    expect(parseIsoTime('2028-02-29')).toBe(Date.UTC(2028, 1, 29));
  });

  it('refuses days that do not exist and anything that is not ISO', () => {
    for (const text of [
      '2026-02-30',
      '2026-02-29',
      '2026-13-01',
      '2026-04-31',
      '1',
      'March 10, 2026',
      '2026-03-01T25:00',
      '',
    ]) {
      expect(parseIsoTime(text), text).toBeUndefined();
    }
    expect(() => periodFromFlags({ from: ['2026-02-30'] }, Date.UTC(2026, 5, 1))).toThrow(/--from must be an ISO date/);
  });
});
