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
