import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journey } from '../../../shared/journey/schema';
import { runScenario } from '../model/scenario-run';
import { parseTimeline } from '../model/scenario-timeline';
import { pathHighlight, sameHighlight } from './highlight';
import { isDecision, stepKind, timelineEntries } from './steps';

const setup = Journey.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../resources/journeys/integration-setup.json'), 'utf8')),
);
const stalls = setup.scenarios.find((s) => s.id === 'stalls-before-api-key');
if (!stalls) throw new Error('the seed lost its "stalls before the API key" scenario');
const result = runScenario(setup, stalls);
const typeOf = (nodeId: string) => setup.nodes.find((node) => node.id === nodeId)?.type;
const kinds = result.path.map((step) => stepKind(step, typeOf(step.nodeId)));

describe('reading the path', () => {
  it('names each step of the interpreter’s decisions', () => {
    expect(kinds).toEqual([
      'enter',
      'email',
      'waiting',
      'waited',
      'branch',
      'email',
      'waiting',
      'waited',
      'action',
      'exit',
    ]);
  });

  it('stops "next decision" where the path chose, was refused or ended', () => {
    expect(kinds.map(isDecision)).toEqual([true, false, false, true, true, false, false, true, false, true]);
  });

  it('reads skips and exits from the words, whatever the node', () => {
    expect(stepKind({ message: 'Skipped: frequency cap, 3 emails in 1 day.' }, 'email')).toBe('skip');
    expect(stepKind({ message: 'Did not enter again: already in this journey.' }, 'trigger')).toBe('skip');
    expect(stepKind({ message: 'Left the journey: Sync completed.' }, 'wait')).toBe('exit');
    expect(stepKind({ message: 'Quiet hours (22:00–08:00 in UTC): deferred to …' }, 'email')).toBe('waiting');
    expect(stepKind({ message: 'Email held: the journey is paused. …' }, 'email')).toBe('waiting');
  });

  it('puts the user’s events before the steps they caused', () => {
    const synced = runScenario(setup, { ...stalls, timeline: `${stalls.timeline}\n+30m sync_completed` });
    const lines = parseTimeline(`${stalls.timeline}\n+30m sync_completed`).lines;
    const entries = timelineEntries(
      synced.path,
      synced.path.map((step) => stepKind(step, typeOf(step.nodeId))),
      lines,
      synced.start,
    );
    expect(entries.map((e) => (e.kind === 'event' ? `event ${e.event}` : e.stepKind))).toEqual([
      'event integration_started',
      'enter',
      'email',
      'waiting',
      'event sync_completed',
      'exit',
    ]);
  });
});

describe('the path on the canvas', () => {
  it('lights what happened up to the cursor, with the last node current', () => {
    const atTimeout = pathHighlight(result.path, 6, result.start);
    expect(atTimeout.current).toBe('credential_help');
    expect(atTimeout.nodes.get('credential_help')).toEqual({ state: 'current', label: '+2h05m' });
    expect(atTimeout.nodes.get('wait_api_key')).toEqual({ state: 'visited', label: '+2h05m' });
    expect(atTimeout.nodes.has('wait_api_key_after_help')).toBe(false);
    expect([...atTimeout.edges]).toContain('known_error-false-credential_help');
    expect([...atTimeout.edges]).not.toContain('credential_help-next-wait_api_key_after_help');
  });

  it('lights nothing at the start', () => {
    const start = pathHighlight(result.path, 0, result.start);
    expect(start.nodes.size).toBe(0);
    expect(start.current).toBeNull();
  });

  it('tells equal highlights apart from changed ones', () => {
    expect(
      sameHighlight(pathHighlight(result.path, 4, result.start), pathHighlight(result.path, 4, result.start)),
    ).toBe(true);
    expect(
      sameHighlight(pathHighlight(result.path, 4, result.start), pathHighlight(result.path, 5, result.start)),
    ).toBe(false);
  });
});
