import { describe, expect, test } from 'vitest';
import { compileJourney } from '../../shared/engine/compile';
import { staticContext } from '../../shared/engine/interpreter';
import { DEFAULT_ENGINE_CONFIG, emptyUserState, type StepResult } from '../../shared/engine/types';
import { runUserLoop } from '../../shared/engine/user-loop';
import { Journey } from '../../shared/journey/schema';
import { HOUR, identify, loadSeed, MIN, T0, track } from '../events';

const ctx = (paused?: ReadonlySet<string>) => ({
  ...staticContext([compileJourney(loadSeed('integration-setup'), 1)], DEFAULT_ENGINE_CONFIG),
  ...(paused ? { paused } : {}),
});

function collect() {
  const steps: StepResult[] = [];
  const emails = () =>
    steps.flatMap((s) => s.outcomes).flatMap((o) => (o.type === 'email' ? [`+${(o.at - T0) / MIN}m ${o.nodeId}`] : []));
  return { steps, emails, onStep: (r: StepResult) => steps.push(r) };
}

const start = [identify('u'), track('u', 'integration_started', 0, { integration_type: 'custom_api' })];

describe('the one user loop', () => {
  test('fires the wake-ups due before each event first, and the event at the same moment before its wake-up', () => {
    // The API-key wait times out at +2h; a key created at exactly +2h still counts.
    const c = collect();
    runUserLoop(ctx(), emptyUserState('u'), [...start, track('u', 'api_key_created', 2 * HOUR)], {
      through: T0 + 3 * HOUR,
      onStep: c.onStep,
    });
    expect(c.emails()).toEqual(['+0m confirm']);
  });

  test('a wake-up before a later event fires before it', () => {
    const c = collect();
    runUserLoop(ctx(), emptyUserState('u'), [...start, track('u', 'api_key_created', 2 * HOUR + 1)], {
      onStep: c.onStep,
    });
    expect(c.emails()).toEqual(['+0m confirm', '+120m credential_help']);
  });

  test('with a wall clock, wake-ups due after it wait for the scheduler', () => {
    const c = collect();
    const state = runUserLoop(ctx(), emptyUserState('u'), start, {
      now: T0 + HOUR,
      through: T0 + HOUR,
      onStep: c.onStep,
    });
    expect(c.emails()).toEqual(['+0m confirm']);
    const later = collect();
    runUserLoop(ctx(), state, [], { now: T0 + 3 * HOUR, through: T0 + 3 * HOUR, onStep: later.onStep });
    expect(later.emails()).toEqual(['+120m credential_help']);
  });

  test('wake-ups of a paused journey wait', () => {
    const c = collect();
    runUserLoop(ctx(new Set(['integration-setup'])), emptyUserState('u'), start, {
      through: T0 + 3 * HOUR,
      onStep: c.onStep,
    });
    expect(c.steps.filter((s) => s.outcomes.some((o) => o.type === 'email' && o.nodeId === 'credential_help'))).toEqual(
      [],
    );
  });

  test('a wake-up the interpreter ignores is cleared and fires once', () => {
    const c = collect();
    const first = runUserLoop(ctx(), emptyUserState('u'), start, { through: T0, onStep: c.onStep });
    const run = first.runs[0];
    if (!run) throw new Error('no run');
    // A wake-up left on a node that does not wait (as after a journey edit): nothing moves the run.
    const stale = { ...first, runs: [{ ...run, nodeId: 'start', wakeAt: T0 + MIN }] };
    const fired = collect();
    const after = runUserLoop(ctx(), stale, [], { through: T0 + HOUR, onStep: fired.onStep });
    expect(fired.steps).toHaveLength(1);
    expect(fired.steps[0]?.decisions[0]?.message).toMatch(/Ignored a wake-up/);
    expect(after.runs[0]?.wakeAt).toBeNull();
  });

  test('a delay that leads into a wait with no time left times the wait out at once (it is not taken for ignored)', () => {
    const at = { x: 0, y: 0 };
    const journey = Journey.parse({
      formatVersion: 1,
      id: 'z',
      name: 'Z',
      nodes: [
        {
          id: 'start',
          type: 'trigger',
          position: at,
          config: { event: 'go', filters: [], eligibility: { match: 'all', rules: [] } },
        },
        { id: 'd', type: 'delay', position: at, config: { mode: 'duration', duration: '1h' } },
        {
          id: 'w',
          type: 'wait',
          position: at,
          config: {
            event: 'never',
            lookback: 'none',
            timeout: { by: 'trigger.tier', values: { gold: '0s' }, default: '1h' },
          },
        },
        { id: 'mail', type: 'email', position: at, config: { template: 't' } },
        { id: 'out', type: 'exit', position: at, config: {} },
      ],
      edges: [
        { id: 'e1', from: 'start', output: 'next', to: 'd' },
        { id: 'e2', from: 'd', output: 'next', to: 'w' },
        { id: 'e3', from: 'w', output: 'timed_out', to: 'mail' },
        { id: 'e4', from: 'w', output: 'happened', to: 'out' },
      ],
      templates: { t: { subject: 'hi', html: '<p>hi</p>', text: 'hi' } },
    });
    const context = staticContext([compileJourney(journey, 1)], DEFAULT_ENGINE_CONFIG);
    for (const [tier, sentAt] of [
      ['gold', 60],
      ['silver', 120],
    ] as const) {
      const c = collect();
      const state = runUserLoop(context, emptyUserState('u'), [identify('u'), track('u', 'go', 0, { tier })], {
        through: T0 + 3 * HOUR,
        onStep: c.onStep,
      });
      expect(c.emails(), tier).toEqual([`+${sentAt}m mail`]);
      expect(state.runs[0]?.status, tier).not.toBe('active');
    }
  });

  test('stops after its bound of wake-ups, leaving the rest pending', () => {
    const c = collect();
    const state = runUserLoop(ctx(), emptyUserState('u'), start, {
      through: T0 + 10 * 24 * HOUR,
      maxWakeups: 1,
      onStep: c.onStep,
    });
    expect(state.runs[0]?.wakeAt).not.toBeNull();
  });
});
