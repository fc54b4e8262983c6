import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../shared/journey/schema';
import {
  extraTraits,
  fromLocalInput,
  newScenario,
  profileSummary,
  removeScenario,
  renameTrait,
  sameScenario,
  scenarioId,
  toLocalInput,
  upsertScenario,
  withTrait,
} from './scenarios';
import { appendLine, formatLine, nextOffset, timelineNotes } from './timelineNotes';

const happy: Scenario = { id: 'happy-path', name: 'Happy path', profile: { role: 'founder' }, timeline: '+5m a' };

describe('saved scenarios', () => {
  it('get a readable id from their name, free among the others', () => {
    expect(scenarioId('Stalls before the API key', [])).toBe('stalls-before-the-api-key');
    expect(scenarioId('Happy path', [happy])).toBe('happy-path-2');
    expect(scenarioId('Happy path', [happy], 'happy-path')).toBe('happy-path');
    expect(scenarioId('  !!  ', [])).toBe('scenario');
  });

  it('start new with the default profile and the journey’s trigger event', () => {
    const journey = {
      nodes: [
        {
          id: 'start',
          type: 'trigger',
          position: { x: 0, y: 0 },
          config: { event: 'integration_started', filters: [], eligibility: { match: 'all', rules: [] } },
        },
      ],
      scenarios: [],
    } as unknown as Parameters<typeof newScenario>[0];
    expect(newScenario(journey)).toEqual({
      id: 'new-scenario',
      name: 'New scenario',
      profile: { role: 'founder', workspace_name: 'Acme', plan: 'pro', timezone: 'UTC' },
      timeline: '+5m integration_started',
    });
  });

  it('are updated in place by id, or added at the end, and removed by id', () => {
    const changed = { ...happy, timeline: '+5m b' };
    expect(upsertScenario([happy], changed)).toEqual([changed]);
    const other = { ...happy, id: 'other' };
    expect(upsertScenario([happy], other)).toEqual([happy, other]);
    expect(removeScenario([happy, other], 'happy-path')).toEqual([other]);
  });

  it('count as unchanged whatever the order of their traits', () => {
    const reordered = { ...happy, profile: { plan: 'pro', role: 'founder' } };
    expect(sameScenario({ ...happy, profile: { role: 'founder', plan: 'pro' } }, reordered)).toBe(true);
    expect(sameScenario(happy, { ...happy, timeline: '+6m a' })).toBe(false);
  });
});

describe('the profile form', () => {
  it('sets and clears traits, keeping their order', () => {
    const profile = { role: 'founder', plan: 'pro' };
    expect(Object.keys(withTrait(profile, 'role', 'engineer'))).toEqual(['role', 'plan']);
    expect(withTrait(profile, 'role', '')).toEqual({ plan: 'pro' });
    expect(Object.keys(renameTrait({ a: 1, b: 2 }, 'a', 'c'))).toEqual(['c', 'b']);
    expect(renameTrait({ a: 1, b: 2 }, 'a', 'b')).toEqual({ a: 1, b: 2 });
  });

  it('lists the traits that are not fields as extra ones', () => {
    expect(extraTraits({ role: 'founder', sending_domain: 'mail.acme.com' })).toEqual([
      ['sending_domain', 'mail.acme.com'],
    ]);
  });

  it('sums a profile up in a few words', () => {
    expect(profileSummary({ role: 'founder', workspace_name: 'Acme', plan: 'pro', email: 'a@b.c' })).toBe(
      'founder · Acme · pro',
    );
  });

  it('reads and writes the sign-up time in UTC', () => {
    expect(toLocalInput('2026-01-05T09:00:00.000Z')).toBe('2026-01-05T09:00');
    expect(fromLocalInput('2026-01-05T09:00')).toBe('2026-01-05T09:00:00.000Z');
    expect(toLocalInput('soon')).toBe('');
    expect(fromLocalInput('')).toBe('');
  });
});

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
