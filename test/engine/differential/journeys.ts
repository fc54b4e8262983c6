import { Journey, type JourneyInput } from '../../../shared/journey/schema';
import type { Random } from './random';

/** The product events generated journeys react to, and the ones a generated timeline sends. */
export const GENERATED_EVENTS = ['g_start', 'g_step', 'g_more', 'g_error', 'g_done'] as const;

const at = (x: number, y: number) => ({ x, y });
const duration = (random: Random) => random.pick(['10m', '45m', '2h', '6h', '1d']);

/**
 * A journey with every node type (trigger, delay in both modes, wait, condition, split, random
 * split, email, webhook, track in both modes, exit) whose timings, rules, branches and settings are
 * drawn at random. Valid by construction: the same shape every time, other numbers.
 */
export function generateJourney(random: Random, id: string, hookUrl: string): Journey {
  const template = (subject: string) => ({
    subject: `${subject} {{ trigger.plan | default: "none" }}`,
    html: '<p>Hello {{ user.role | default: "there" }}, step {{ vars.tier }}</p>',
    text: 'Hello {{ user.role | default: "there" }}',
  });
  const journey: JourneyInput = {
    formatVersion: 1,
    id,
    name: `Generated ${id}`,
    nodes: [
      {
        id: 'start',
        type: 'trigger',
        position: at(0, 0),
        config: {
          event: 'g_start',
          filters: random.chance(0.3) ? [{ property: 'plan', op: 'in', value: ['pro', 'team'] }] : [],
          eligibility: {
            match: 'all',
            rules: random.chance(0.3)
              ? [{ kind: 'event_count', event: 'g_error', atLeast: 1, window: { anchor: 'now', within: '2d' } }]
              : [],
          },
        },
      },
      { id: 'hello', type: 'email', position: at(0, 100), config: { template: 'hello' } },
      {
        id: 'coin',
        type: 'random_split',
        position: at(0, 200),
        config: {
          branches: [
            { output: 'a', percent: random.int(20, 80) },
            { output: 'b', percent: 0 },
          ],
        },
      },
      random.chance(0.5)
        ? {
            id: 'pause',
            type: 'delay',
            position: at(-200, 300),
            config: { mode: 'duration', duration: duration(random) },
          }
        : {
            id: 'pause',
            type: 'delay',
            position: at(-200, 300),
            config: {
              mode: 'until',
              time: random.pick(['09:00', '17:30']),
              ...(random.chance(0.5) ? { days: ['mon', 'wed', 'fri'] } : {}),
            },
          },
      {
        id: 'wait_step',
        type: 'wait',
        position: at(-200, 400),
        config: {
          event: 'g_step',
          lookback: random.pick(['entry', 'none']),
          timeout: random.chance(0.5)
            ? duration(random)
            : { by: 'vars.tier', values: { gold: '30m', silver: '3h' }, default: '1d' },
        },
      },
      {
        id: 'check',
        type: 'condition',
        position: at(-400, 500),
        config: {
          match: random.pick(['all', 'any']),
          rules: [
            { kind: 'trait', trait: 'role', op: 'equals', value: 'engineer' },
            {
              kind: 'event_count',
              event: 'g_error',
              atLeast: 2,
              sameProperty: 'code',
              window: { anchor: 'now', within: '12h' },
            },
          ],
        },
      },
      {
        id: 'record',
        type: 'track',
        position: at(-500, 600),
        config: { action: 'event', event: 'g_more', properties: { tier: '{{ vars.tier }}' } },
      },
      { id: 'done_exit', type: 'exit', position: at(-500, 700), config: { reason: 'checked' } },
      { id: 'nudge', type: 'email', position: at(-300, 600), config: { template: 'nudge' } },
      {
        id: 'by_plan',
        type: 'split',
        position: at(0, 500),
        config: { value: 'user.plan', cases: [{ output: 'pro', label: 'pro', values: ['pro', 'team'] }] },
      },
      { id: 'remind', type: 'email', position: at(0, 600), config: { template: 'remind' } },
      {
        id: 'stage',
        type: 'track',
        position: at(0, 700),
        config: { action: 'trait', trait: 'stage', value: 'reminded {{ vars.tier }}' },
      },
      {
        id: 'wait_more',
        type: 'wait',
        position: at(0, 800),
        config: { event: 'g_more', lookback: 'entry', timeout: duration(random) },
      },
      { id: 'more_exit', type: 'exit', position: at(0, 900), config: {} },
      { id: 'last', type: 'email', position: at(200, 900), config: { template: 'last' } },
      {
        id: 'hook',
        type: 'webhook',
        position: at(300, 600),
        config: { url: hookUrl, body: '{"user": {{ user.id | json }}, "tier": {{ vars.tier | json }}}' },
      },
      { id: 'hook_exit', type: 'exit', position: at(300, 700), config: { reason: 'escalated' } },
      {
        id: 'side_hook',
        type: 'webhook',
        position: at(400, 300),
        config: { url: `${hookUrl}?side`, body: '{"user": {{ user.id | json }}}' },
      },
      {
        id: 'later',
        type: 'delay',
        position: at(400, 400),
        config: { mode: 'duration', duration: { by: 'user.plan', values: { pro: '1h' }, default: duration(random) } },
      },
      { id: 'side_mail', type: 'email', position: at(400, 500), config: { template: 'side' } },
    ],
    edges: [
      ['start', 'next', 'hello'],
      ['hello', 'next', 'coin'],
      ['coin', 'a', 'pause'],
      ['coin', 'b', 'side_hook'],
      ['pause', 'next', 'wait_step'],
      ['wait_step', 'happened', 'check'],
      ['wait_step', 'timed_out', 'by_plan'],
      ['check', 'true', 'record'],
      ['check', 'false', 'nudge'],
      ['record', 'next', 'done_exit'],
      ['by_plan', 'pro', 'remind'],
      ['by_plan', 'everyone_else', 'hook'],
      ['remind', 'next', 'stage'],
      ['stage', 'next', 'wait_more'],
      ['wait_more', 'happened', 'more_exit'],
      ['wait_more', 'timed_out', 'last'],
      ['hook', 'next', 'hook_exit'],
      ['side_hook', 'next', 'later'],
      ['later', 'next', 'side_mail'],
    ].map(([from, output, to]) => ({
      id: `${from}-${output}-${to}`,
      from: from as string,
      output: output as string,
      to: to as string,
    })),
    exitRules: [{ event: 'g_done', filters: [], reason: 'done' }],
    variables: [
      { name: 'tier', from: 'trigger.plan', map: { pro: 'gold', team: 'gold', free: 'silver' }, default: 'bronze' },
    ],
    settings: {
      reentry: random.pick([{ mode: 'once' }, { mode: 'always' }, { mode: 'cooldown', cooldown: '1d' }] as const),
      ...(random.chance(0.4) ? { frequencyCap: { max: random.int(1, 3), per: '1d' } } : {}),
      ...(random.chance(0.4) ? { quietHours: { start: '21:00', end: '08:00' } } : {}),
      timezone: random.pick(['UTC', 'Europe/Berlin']),
      maxLateness: '6h',
    },
    templates: {
      hello: template('Welcome'),
      nudge: template('Nudge'),
      remind: template('Remind'),
      last: template('Last'),
      side: template('Side'),
    },
  };
  // The second branch of the random split gets what the first leaves.
  const coin = journey.nodes[2] as { config: { branches: { percent: number }[] } };
  const [first, second] = coin.config.branches as [{ percent: number }, { percent: number }];
  second.percent = 100 - first.percent;
  return Journey.parse(journey);
}
