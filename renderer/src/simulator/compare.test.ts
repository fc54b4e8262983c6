import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journey } from '../../../shared/journey/schema';
import { runScenario } from '../model/scenario-run';
import { compareScenarios } from './compare';
import { describeEnding } from './outcome';

const load = (id: string) =>
  Journey.parse(JSON.parse(readFileSync(join(import.meta.dirname, `../../../resources/journeys/${id}.json`), 'utf8')));
const setup = load('integration-setup');
const run = (journey: Journey, id: string) => {
  const scenario = journey.scenarios.find((s) => s.id === id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  return { id, name: scenario.name, result: runScenario(journey, scenario) };
};

describe('comparing scenarios', () => {
  const table = compareScenarios(setup, [
    run(setup, 'oauth-stalls'),
    run(setup, 'api-stalls'),
    run(setup, 'stalls-before-domain'),
  ]);

  it('has one column per scenario with its email count and how it ended', () => {
    expect(table.columns.map((c) => [c.name, c.emails, c.ending.at, c.ending.text])).toEqual([
      ['OAuth integration stalls', 2, '+2d35m', 'Setup abandoned'],
      ['API integration stalls', 2, '+3d2h05m', 'Setup abandoned'],
      ['Stalls before domain verification', 2, '+4d1h', 'Setup abandoned'],
    ]);
  });

  it('shows when each user gets each email: OAuth users get the API key help sooner', () => {
    const help = table.rows.find((row) => row.nodeId === 'credential_help');
    expect(help?.cells.map((cell) => cell.sent)).toEqual([['+35m'], ['+2h05m'], []]);
    expect(help?.subject).toBe('Create your API key to keep the Stripe setup moving');
  });

  it('orders rows by when they are first sent, with emails nobody gets last', () => {
    expect(table.rows.map((row) => row.nodeId)).toEqual([
      'confirm',
      'credential_help',
      'domain_help',
      'error_help',
      'test_prompt',
    ]);
    expect(table.rows.at(-1)?.cells.every((cell) => cell.sent.length === 0 && cell.skipped === null)).toBe(true);
  });

  it('explains an email that was reached but skipped', () => {
    const capped = Journey.parse({
      ...setup,
      settings: { ...setup.settings, frequencyCap: { max: 1, per: '24h' } },
    });
    const row = compareScenarios(capped, [run(capped, 'oauth-stalls')]).rows.find(
      (r) => r.nodeId === 'credential_help',
    );
    expect(row?.cells[0]).toEqual({
      sent: [],
      skipped: 'Skipped: journey frequency cap, 1 email from this journey in 1 day.',
    });
  });
});

describe('how a scenario ends', () => {
  it('says when a user never entered, and why', () => {
    const troubleshooting = load('setup-troubleshooting');
    const ending = describeEnding(troubleshooting, run(troubleshooting, 'different-errors').result);
    expect(ending.kind).toBe('never_entered');
    expect(ending.text).toMatch(/^Did not enter: /);
  });

  it('says where a user still waits when the clock stops', () => {
    const scenario = { id: 'x', profile: {}, timeline: '+5m integration_started integration_type=custom_api' };
    const result = runScenario(setup, scenario, { until: Date.parse('2026-01-05T10:00:00Z') });
    expect(describeEnding(setup, result)).toEqual({ kind: 'waiting', at: '+5m', text: 'API key created?' });
  });
});
