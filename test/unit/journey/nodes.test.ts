import { describe, expect, it } from 'vitest';
import { compileJourney } from '../../../shared/engine/compile';
import { applyEvent, applyTimer, staticContext } from '../../../shared/engine/interpreter';
import { DEFAULT_ENGINE_CONFIG, emptyUserState } from '../../../shared/engine/types';
import { at, chain, DAY, emails, HOUR, identify, MIN, run, T0, timeline, track } from './harness';

const email = (id: string) => ({ id, type: 'email', position: at(0, 0), config: { template: 'hello' } }) as const;

describe('delay', () => {
  it('waits a fixed duration', () => {
    const j = chain([
      { id: 'd', type: 'delay', position: at(0, 0), config: { mode: 'duration', duration: '36h' } },
      email('mail'),
    ]);
    expect(emails(run([identify('u'), track('u', 'go', 0)], [j]).outcomes)).toEqual(['+36h email mail']);
  });

  it("waits until the next local time of day in the user's time zone", () => {
    const j = chain([
      { id: 'd', type: 'delay', position: at(0, 0), config: { mode: 'until', time: '09:00' } },
      email('mail'),
    ]);
    // T0 is 09:00 UTC = 10:00 in Berlin (winter): next 09:00 Berlin is 08:00 UTC the next day.
    const { outcomes } = run([identify('u', { timezone: 'Europe/Berlin' }), track('u', 'go', 0)], [j]);
    expect(new Date(outcomes.find((o) => o.type === 'email')?.at ?? 0).toISOString()).toBe('2026-03-03T08:00:00.000Z');
  });

  it('waits for an allowed weekday and falls back to the journey time zone for an unknown one', () => {
    const j = chain([
      { id: 'd', type: 'delay', position: at(0, 0), config: { mode: 'until', time: '10:00', days: ['sat'] } },
      email('mail'),
    ]);
    // 2026-03-02 is a Monday; the next Saturday is 2026-03-07.
    const { outcomes } = run([identify('u', { timezone: 'Mars/Olympus' }), track('u', 'go', 0)], [j]);
    expect(new Date(outcomes.find((o) => o.type === 'email')?.at ?? 0).toISOString()).toBe('2026-03-07T10:00:00.000Z');
  });
});

describe('wait for event', () => {
  const waitFor = (filters: unknown[] = []) =>
    chain([{ id: 'w', type: 'wait', position: at(0, 0), config: { event: 'paid', filters, timeout: '2h' } } as never], {
      edges: [
        { id: 'a', from: 'go', output: 'next', to: 'w' },
        { id: 'b', from: 'w', output: 'happened', to: 'yes' },
        { id: 'c', from: 'w', output: 'timed_out', to: 'no' },
      ],
      nodes: [
        { id: 'go', type: 'trigger', position: at(0, 0), config: { event: 'go' } },
        {
          id: 'w',
          type: 'wait',
          position: at(0, 0),
          config: { event: 'paid', filters: filters as never, timeout: '2h' },
        },
        email('yes'),
        email('no'),
      ],
    });

  it('takes "happened" when the event comes before the timeout', () => {
    expect(emails(run([identify('u'), track('u', 'go', 0), track('u', 'paid', HOUR)], [waitFor()]).outcomes)).toEqual([
      '+1h email yes',
    ]);
  });

  it('takes "timed out" when it does not', () => {
    expect(emails(run([identify('u'), track('u', 'go', 0)], [waitFor()]).outcomes)).toEqual(['+2h email no']);
  });

  it('matches "same value as the trigger event\'s property"', () => {
    const j = waitFor([{ property: 'plan', op: 'equals', sameAs: 'trigger.plan' }]);
    const other = run(
      [identify('u'), track('u', 'go', 0, { plan: 'pro' }), track('u', 'paid', HOUR, { plan: 'basic' })],
      [j],
    );
    expect(emails(other.outcomes)).toEqual(['+2h email no']);
    const same = run(
      [identify('u'), track('u', 'go', 0, { plan: 'pro' }), track('u', 'paid', HOUR, { plan: 'pro' })],
      [j],
    );
    expect(emails(same.outcomes)).toEqual(['+1h email yes']);
  });

  it('explains a timeout in words', () => {
    const { decisions } = run([identify('u'), track('u', 'go', 0)], [waitFor()]);
    expect(decisions.map((d) => d.message)).toContain('Waited 2 hours for Paid: not seen → timed out.');
  });
});

describe('condition and split', () => {
  const branching = (node: unknown, outputs: string[]) =>
    chain([], {
      nodes: [
        { id: 'go', type: 'trigger', position: at(0, 0), config: { event: 'go' } },
        node as never,
        ...outputs.map((o) => email(`to_${o}`)),
      ],
      edges: [
        { id: 'a', from: 'go', output: 'next', to: 'n' },
        ...outputs.map((o) => ({ id: o, from: 'n', output: o, to: `to_${o}` })),
      ],
    });

  it('a condition takes "true" or "false"', () => {
    const j = branching(
      {
        id: 'n',
        type: 'condition',
        position: at(0, 0),
        config: { match: 'all', rules: [{ kind: 'trait', trait: 'plan', op: 'in', value: ['pro', 'team'] }] },
      },
      ['true', 'false'],
    );
    expect(emails(run([identify('u', { plan: 'team' }), track('u', 'go', 0)], [j]).outcomes)).toEqual([
      '+0h email to_true',
    ]);
    expect(emails(run([identify('u', { plan: 'free' }), track('u', 'go', 0)], [j]).outcomes)).toEqual([
      '+0h email to_false',
    ]);
  });

  it('a condition can ask whether an event happened since entry, and "any" needs one rule', () => {
    const j = branching(
      {
        id: 'n',
        type: 'condition',
        position: at(0, 0),
        config: {
          match: 'any',
          rules: [
            { kind: 'event', event: 'x', happened: true, window: { anchor: 'ever' } },
            { kind: 'trait', trait: 'seats', op: 'gt', value: 10 },
          ],
        },
      },
      ['true', 'false'],
    );
    expect(emails(run([identify('u', { seats: '12' }), track('u', 'go', 0)], [j]).outcomes)).toEqual([
      '+0h email to_true',
    ]);
    expect(emails(run([identify('u', { seats: 3 }), track('u', 'go', 0)], [j]).outcomes)).toEqual([
      '+0h email to_false',
    ]);
  });

  it('a split routes by value with an "everyone else" output', () => {
    const j = branching(
      {
        id: 'n',
        type: 'split',
        position: at(0, 0),
        config: {
          value: 'user.role',
          cases: [
            { output: 'founder', values: ['founder'] },
            { output: 'eng', values: ['engineer', 'developer'] },
          ],
        },
      },
      ['founder', 'eng', 'everyone_else'],
    );
    const route = (role?: string) =>
      emails(run([identify('u', role ? { role } : {}), track('u', 'go', 0)], [j]).outcomes)[0];
    expect([route('founder'), route('developer'), route('marketer'), route()]).toEqual([
      '+0h email to_founder',
      '+0h email to_eng',
      '+0h email to_everyone_else',
      '+0h email to_everyone_else',
    ]);
  });

  it('a random split is deterministic per user and follows the percentages', () => {
    const j = branching(
      {
        id: 'n',
        type: 'random_split',
        position: at(0, 0),
        config: {
          branches: [
            { output: 'a', percent: 20 },
            { output: 'b', percent: 80 },
          ],
        },
      },
      ['a', 'b'],
    );
    const events = Array.from({ length: 1000 }, (_, i) => [identify(`user${i}`), track(`user${i}`, 'go', 0)]).flat();
    const first = run(events, [j]).outcomes.filter((o) => o.type === 'email');
    const second = run(events, [j]).outcomes.filter((o) => o.type === 'email');
    expect(second).toEqual(first);
    const share = first.filter((o) => o.nodeId === 'to_a').length / 1000;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.25);
  });
});

describe('email', () => {
  it('is skipped for a user without an email address, and the path goes on', () => {
    const j = chain([email('first'), email('second')]);
    const { outcomes } = run([track('u', 'go', 0)], [j]);
    expect(timeline(outcomes, ['skip'])).toEqual([
      '+0h skip first (no_email_address)',
      '+0h skip second (no_email_address)',
    ]);
  });

  it('is skipped for an unsubscribed user', () => {
    const { outcomes } = run([identify('u', { unsubscribed: true }), track('u', 'go', 0)], [chain([email('m')])]);
    expect(timeline(outcomes, ['skip'])).toEqual(['+0h skip m (unsubscribed)']);
  });

  it('is skipped over the frequency cap across journeys (3 per 24 hours by default)', () => {
    const j = chain([email('a'), email('b'), email('c'), email('d')]);
    const { outcomes, decisions } = run([identify('u'), track('u', 'go', 0)], [j]);
    expect(timeline(outcomes, ['email', 'skip'])).toEqual([
      '+0h email a',
      '+0h email b',
      '+0h email c',
      '+0h skip d (frequency_cap)',
    ]);
    expect(decisions.map((d) => d.message)).toContain('Skipped: frequency cap, 3 emails in 1 day.');
  });

  it("is skipped over the journey's own cap", () => {
    const j = chain([email('a'), email('b')], { settings: { frequencyCap: { max: 1, per: '12h' } } });
    expect(timeline(run([identify('u'), track('u', 'go', 0)], [j]).outcomes, ['email', 'skip'])).toEqual([
      '+0h email a',
      '+0h skip b (journey_cap)',
    ]);
  });

  it("is deferred to the end of quiet hours in the user's time zone", () => {
    const j = chain([email('m')], { settings: { quietHours: { start: '21:00', end: '08:00' } } });
    // 09:00 UTC is 01:00 in Los Angeles (PST): deferred to 08:00 PST = 16:00 UTC.
    const { outcomes } = run([identify('u', { timezone: 'America/Los_Angeles' }), track('u', 'go', 0)], [j]);
    expect(emails(outcomes)).toEqual(['+7h email m']);
  });

  /** A user whose email waits behind a 1 hour delay, due at T0 + 1h. */
  const waitingForEmail = () => {
    const j = chain([
      { id: 'd', type: 'delay', position: at(0, 0), config: { mode: 'duration', duration: '1h' } },
      email('m'),
    ]);
    const ctx = staticContext([compileJourney(j)], DEFAULT_ENGINE_CONFIG);
    let user = applyEvent(ctx, emptyUserState('u'), identify('u')).user;
    user = applyEvent(ctx, user, track('u', 'go', 0)).user;
    return { ctx, user, due: T0 + HOUR };
  };

  it('is skipped as stale when its timer fires later than the max lateness', () => {
    const { ctx, user, due } = waitingForEmail();
    const late = applyTimer(ctx, user, user.runs[0]?.runId ?? '', due, due + 7 * HOUR);
    expect(timeline(late.outcomes)).toEqual(['+1h skip m (stale)', '+1h exit m (completed)']);
    const onTime = applyTimer(ctx, user, user.runs[0]?.runId ?? '', due, due + 5 * HOUR);
    expect(timeline(onTime.outcomes, ['email'])).toEqual(['+1h email m']);
  });

  it('says how late a month-old reminder is in days, not seconds', () => {
    const { ctx, user, due } = waitingForEmail();
    // 2,722,334 seconds: 31 days, 12 hours and a bit.
    const late = applyTimer(ctx, user, user.runs[0]?.runId ?? '', due, due + 2_722_334_000);
    expect(late.decisions.map((d) => d.message)).toContain(
      "Not sent: 31 days late, more than the journey's max lateness of 6 hours.",
    );
  });

  it('ignores a timer that no longer matches the run (duplicate delivery)', () => {
    const j = chain([
      { id: 'd', type: 'delay', position: at(0, 0), config: { mode: 'duration', duration: '1h' } },
      email('m'),
    ]);
    const ctx = staticContext([compileJourney(j)], DEFAULT_ENGINE_CONFIG);
    let user = applyEvent(ctx, emptyUserState('u'), identify('u')).user;
    user = applyEvent(ctx, user, track('u', 'go', 0)).user;
    const first = applyTimer(ctx, user, user.runs[0]?.runId ?? '', T0 + HOUR);
    const again = applyTimer(ctx, first.user, user.runs[0]?.runId ?? '', T0 + HOUR);
    expect(first.effects.filter((e) => e.kind === 'email')).toHaveLength(1);
    expect(again.effects).toEqual([]);
  });

  it('gets a stable key per run, node and occurrence', () => {
    const { effects } = run([identify('u'), track('u', 'go', 0)], [chain([email('m')])]);
    expect(effects.find((e) => e.kind === 'email')).toMatchObject({ key: 'test:u:1/m/1' });
  });
});

describe('webhook, track and exit', () => {
  it('a webhook posts its rendered body', () => {
    const j = chain([
      {
        id: 'h',
        type: 'webhook',
        position: at(0, 0),
        config: { url: 'https://x.test/h', body: '{"u": {{ user.id | json }}}' },
      },
    ]);
    const hook = run([track('u', 'go', 0)], [j]).effects.find((e) => e.kind === 'webhook');
    expect(hook).toMatchObject({ url: 'https://x.test/h', body: '{"u": "u"}' });
  });

  it('a webhook reached past the max lateness (old history) is not called, and says why', () => {
    const j = chain([
      { id: 'h', type: 'webhook', position: at(0, 0), config: { url: 'https://x.test/h', body: '{}' } },
    ]);
    const ctx = staticContext([compileJourney(j)], DEFAULT_ENGINE_CONFIG);
    // The event happened a month before it was loaded.
    const result = applyEvent(ctx, emptyUserState('u'), track('u', 'go', 0), T0 + 30 * DAY);
    expect(result.effects.filter((e) => e.kind === 'webhook')).toEqual([]);
    expect(timeline(result.outcomes, ['skip', 'webhook'])).toEqual(['+0h skip h (stale)']);
    expect(result.decisions.map((d) => d.message)).toContain(
      "Webhook not called: 30 days late, more than the journey's max lateness of 6 hours.",
    );
  });

  it('a track node sets a trait that later nodes see', () => {
    const j = chain([
      { id: 't', type: 'track', position: at(0, 0), config: { action: 'trait', trait: 'stage', value: 'onboarding' } },
      {
        id: 'c',
        type: 'condition',
        position: at(0, 0),
        config: { match: 'all', rules: [{ kind: 'trait', trait: 'stage', op: 'equals', value: 'onboarding' }] },
      },
    ]);
    const result = run([track('u', 'go', 0)], [j]);
    expect(result.users.get('u')?.traits.stage).toBe('onboarding');
    expect(result.decisions.some((d) => d.message.includes('→ yes'))).toBe(true);
  });

  it('an emitted event can start another journey', () => {
    const first = chain([{ id: 't', type: 'track', position: at(0, 0), config: { action: 'event', event: 'ping' } }]);
    const second = {
      ...chain([email('m')]),
      id: 'second',
      nodes: chain([email('m')]).nodes.map((n) =>
        n.type === 'trigger' ? { ...n, id: 'on_ping', config: { ...n.config, event: 'ping' } } : n,
      ),
    };
    second.edges = [{ id: 'x', from: 'on_ping', output: 'next', to: 'm' }];
    expect(emails(run([identify('u'), track('u', 'go', 0)], [first, second]).outcomes)).toEqual(['+0h email m']);
  });

  it('an exit node ends the run with its reason; the end of a path ends it as completed', () => {
    expect(
      timeline(
        run([track('u', 'go', 0)], [chain([{ id: 'x', type: 'exit', position: at(0, 0), config: { reason: 'done' } }])])
          .outcomes,
        ['exit'],
      ),
    ).toEqual(['+0h exit x (done)']);
    expect(timeline(run([track('u', 'go', 0)], [chain([])]).outcomes, ['exit'])).toEqual(['+0h exit go (completed)']);
  });

  it('an exit rule removes the user mid-delay', () => {
    const j = chain(
      [{ id: 'd', type: 'delay', position: at(0, 0), config: { mode: 'duration', duration: '1d' } }, email('m')],
      { exitRules: [{ event: 'stop' }] },
    );
    const { outcomes } = run([identify('u'), track('u', 'go', 0), track('u', 'stop', HOUR)], [j]);
    expect(timeline(outcomes)).toEqual(['+0h enter go', '+1h exit d (stop)']);
  });

  it('an exit rule with filters only fires on matching events', () => {
    const j = chain(
      [{ id: 'd', type: 'delay', position: at(0, 0), config: { mode: 'duration', duration: '1d' } }, email('m')],
      {
        exitRules: [
          { event: 'plan_changed', filters: [{ property: 'plan', op: 'equals', value: 'free' }], reason: 'downgraded' },
        ],
      },
    );
    const { outcomes } = run(
      [
        identify('u'),
        track('u', 'go', 0),
        track('u', 'plan_changed', HOUR, { plan: 'pro' }),
        track('u', 'plan_changed', 2 * HOUR, { plan: 'free' }),
      ],
      [j],
    );
    expect(timeline(outcomes, ['exit'])).toEqual(['+2h exit d (downgraded)']);
  });
});

describe('re-entry', () => {
  const journey = (reentry: unknown) =>
    chain([{ id: 'd', type: 'delay', position: at(0, 0), config: { mode: 'duration', duration: '1h' } }], {
      settings: { reentry: reentry as never },
    });
  const entries = (reentry: unknown, times: number[]) =>
    timeline(
      run(
        times.map((t) => track('u', 'go', t)),
        [journey(reentry)],
      ).outcomes,
      ['enter', 'skip'],
    );

  it('"once" never lets a user in twice', () => {
    expect(entries({ mode: 'once' }, [0, DAY])).toEqual(['+0h enter go', '+1d skip go (reentry)']);
  });

  it('"cooldown" lets a user in again after the cooldown', () => {
    expect(entries({ mode: 'cooldown', cooldown: '12h' }, [0, 6 * HOUR, 13 * HOUR])).toEqual([
      '+0h enter go',
      '+6h skip go (reentry)',
      '+13h enter go',
    ]);
  });

  it('"always" lets a user in whenever they are not already in', () => {
    expect(entries({ mode: 'always' }, [0, 30 * MIN, 2 * HOUR])).toEqual([
      '+0h enter go',
      '+30m skip go (already_in_journey)',
      '+2h enter go',
    ]);
  });
});
