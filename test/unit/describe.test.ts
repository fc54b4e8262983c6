import { describe, expect, it } from 'vitest';
import { OPS } from '../../renderer/src/model/comparisons';
import {
  describeCondition,
  describeDurationSpec,
  describeEligibility,
  describeFilter,
  describeNode,
  describeTemplateText,
  describeValueRef,
  describeWindow,
  nodeTitle,
} from '../../renderer/src/model/describe';
import { humanizeEvent } from '../../shared/journey/humanize';
import {
  type Condition,
  type Journey,
  JourneyNode,
  type JourneyNode as JourneyNodeType,
} from '../../shared/journey/schema';

const journey: Pick<Journey, 'templates'> = {
  templates: {
    started: { subject: 'Finish connecting your data source in 5 minutes', html: '', text: '' },
  },
};

/** Parses through the schema so defaults (empty filters, eligibility) are filled in as in real journeys. */
function node(input: unknown): JourneyNodeType {
  return JourneyNode.parse({ id: 'n', position: { x: 0, y: 0 }, ...(input as object) });
}

describe('humanizeEvent', () => {
  it.each([
    ['api_key_created', 'API key created'],
    ['integration_started', 'Integration started'],
    ['domain_verified', 'Domain verified'],
    ['oauth-connected', 'OAuth connected'],
    ['userSignedUp', 'User signed up'],
    ['setup.error_seen', 'Setup error seen'],
  ])('turns %s into "%s"', (name, expected) => {
    expect(humanizeEvent(name)).toBe(expected);
  });

  it('keeps event names that are already written with spaces', () => {
    expect(humanizeEvent('Order Completed')).toBe('Order Completed');
  });
});

describe('describeValueRef', () => {
  it('drops the source prefix and reads the name as words', () => {
    expect(describeValueRef('user.role')).toBe('role');
    expect(describeValueRef('trigger.integration_type')).toBe('integration type');
    expect(describeValueRef('vars.category')).toBe('category');
  });
});

describe('describeDurationSpec', () => {
  it('reads a plain duration', () => {
    expect(describeDurationSpec('2h')).toBe('2 hours');
    expect(describeDurationSpec('1d')).toBe('1 day');
  });

  it('lists per-category durations in the order they are written', () => {
    const spec = { by: 'vars.category', values: { oauth: '30m', api: '2h', domain: '12h' }, default: '2h' };
    expect(describeDurationSpec(spec)).toBe('30 minutes (oauth) / 2 hours (api) / 12 hours (domain)');
  });

  it('mentions the default only when it differs from every listed duration', () => {
    const spec = { by: 'vars.category', values: { oauth: '30m' }, default: '1d' };
    expect(describeDurationSpec(spec)).toBe('30 minutes (oauth) / 1 day (otherwise)');
  });
});

describe('describeFilter and describeWindow', () => {
  it('compares with another value as "the same as"', () => {
    expect(describeFilter({ property: 'error_code', op: 'equals', sameAs: 'trigger.error_code' })).toBe(
      "error code is the same as the trigger's error code",
    );
  });

  it('reads lists as "a, b or c"', () => {
    expect(describeFilter({ property: 'role', op: 'in', value: ['founder', 'engineer', 'admin'] })).toBe(
      'role is one of founder, engineer or admin',
    );
    expect(describeFilter({ property: 'role', op: 'not_in', value: ['founder', 'engineer'] })).toBe(
      'role is none of founder or engineer',
    );
  });

  it('words every comparison as the inspector offers it', () => {
    for (const { value: op, label } of OPS) {
      const filter = { property: 'plan', op, value: op === 'in' || op === 'not_in' ? ['pro'] : 'pro' } as const;
      expect(describeFilter(filter)).toMatch(new RegExp(`^plan ${label}( pro)?$`));
    }
  });

  it('describes each window anchor', () => {
    expect(describeWindow({ anchor: 'ever' })).toBe('');
    expect(describeWindow({ anchor: 'now', within: '12h' })).toBe(' in the last 12 hours');
    expect(describeWindow({ anchor: 'entry' })).toBe(' since entering');
    expect(describeWindow({ anchor: 'trait', trait: 'createdAt', within: '1h' })).toBe(' within 1 hour of sign-up');
    expect(describeWindow({ anchor: 'trait', trait: 'trialEndsAt' })).toBe(' since trial ends at');
  });
});

describe('describeCondition', () => {
  it('reads a repeated-event rule as a sentence', () => {
    const rule: Condition = {
      kind: 'event_count',
      event: 'setup_error_seen',
      filters: [],
      atLeast: 2,
      sameProperty: 'error_code',
      window: { anchor: 'now', within: '12h' },
    };
    expect(describeCondition(rule)).toBe(
      'Setup error seen happened 2+ times with the same error code in the last 12 hours',
    );
  });

  it('reads an event that must not have happened', () => {
    const rule: Condition = {
      kind: 'event',
      event: 'sync_completed',
      filters: [],
      happened: false,
      window: { anchor: 'entry' },
    };
    expect(describeCondition(rule)).toBe('Sync completed has not happened since entering');
  });
});

describe('describeNode', () => {
  it('describes a trigger by its event', () => {
    expect(describeNode(node({ type: 'trigger', config: { event: 'integration_started' } }), journey)).toBe(
      'When Integration started',
    );
  });

  it('leaves a trigger’s entry rules to describeEligibility', () => {
    const trigger = node({
      type: 'trigger',
      config: {
        event: 'integration_started',
        eligibility: {
          match: 'all',
          rules: [
            { kind: 'event', event: 'integration_connected', happened: false, window: { anchor: 'ever' } },
            { kind: 'trait', trait: 'plan', op: 'not_equals', value: 'enterprise' },
          ],
        },
      },
    });
    expect(describeNode(trigger, journey)).toBe('When Integration started');
    if (trigger.type !== 'trigger') throw new Error('not a trigger');
    expect(describeEligibility(trigger)).toBe(
      'Only if Integration connected has not happened and plan is not enterprise',
    );
  });

  it('shows Liquid placeholders in an email subject as what they stand for', () => {
    const withLiquid = {
      templates: {
        key: {
          subject: 'Keep the {{ trigger.integration_type | default: "integration" }} setup moving',
          html: '',
          text: '',
        },
      },
    };
    expect(describeNode(node({ type: 'email', config: { template: 'key' } }), withLiquid)).toBe(
      'Send email: Keep the [integration type] setup moving',
    );
  });

  it('describes a wait with its timeout and event', () => {
    const wait = node({ type: 'wait', config: { event: 'api_key_created', timeout: '2h' } });
    expect(describeNode(wait, journey)).toBe('Wait up to 2 hours for API key created');
  });

  it('describes a wait whose timeout depends on the integration category', () => {
    const wait = node({
      type: 'wait',
      config: {
        event: 'api_key_created',
        timeout: { by: 'vars.category', values: { oauth: '30m', api: '2h', domain: '12h' }, default: '2h' },
      },
    });
    expect(describeNode(wait, journey)).toBe(
      'Wait up to 30 minutes (oauth) / 2 hours (api) / 12 hours (domain) for API key created',
    );
  });

  it("describes an email by its template's subject", () => {
    expect(describeNode(node({ type: 'email', config: { template: 'started' } }), journey)).toBe(
      'Send email: Finish connecting your data source in 5 minutes',
    );
  });

  it('says so when an email template is missing', () => {
    expect(describeNode(node({ type: 'email', config: { template: 'nope' } }), journey)).toBe(
      'Send email: template "nope" is missing',
    );
  });

  it('lists the outputs of a split, ending with everyone else', () => {
    const split = node({
      type: 'split',
      config: {
        value: 'user.role',
        cases: [
          { output: 'founder', values: ['founder'] },
          { output: 'engineer', values: ['engineer', 'developer'] },
        ],
      },
    });
    expect(describeNode(split, journey)).toBe('Split by role: founder / engineer / everyone else');
  });

  it('describes the remaining node types', () => {
    const cases: [unknown, string][] = [
      [{ type: 'delay', config: { mode: 'duration', duration: '1d' } }, 'Wait 1 day'],
      [
        { type: 'delay', config: { mode: 'until', time: '09:00', days: ['mon', 'tue'] } },
        'Wait until 09:00 on Mon, Tue',
      ],
      [
        {
          type: 'condition',
          config: { match: 'all', rules: [{ kind: 'trait', trait: 'role', op: 'equals', value: 'founder' }] },
        },
        'If role is founder',
      ],
      [
        {
          type: 'random_split',
          config: {
            branches: [
              { output: 'a', percent: 50 },
              { output: 'b', percent: 50 },
            ],
          },
        },
        'Random split: a 50% / b 50%',
      ],
      [
        { type: 'webhook', config: { url: 'https://example.com/hook', body: '{}' } },
        'Call webhook https://example.com/hook',
      ],
      [{ type: 'track', config: { action: 'event', event: 'setup_abandoned' } }, 'Record event: Setup abandoned'],
      [
        { type: 'track', config: { action: 'trait', trait: 'setup_stage', value: 'domain' } },
        'Set setup stage to domain',
      ],
      [{ type: 'exit', config: { reason: 'Setup finished' } }, 'Exit: Setup finished'],
      [{ type: 'exit', config: { reason: 'setup_abandoned' } }, 'Exit: Setup abandoned'],
      [{ type: 'exit' }, 'Leave the journey'],
    ];
    for (const [input, expected] of cases) expect(describeNode(node(input), journey)).toBe(expected);
  });
});

describe('describeTemplateText', () => {
  it('replaces output tags, drops logic tags and tidies the spaces left behind', () => {
    expect(
      describeTemplateText('Hi {{user.first_name}}, {% if x %}your{% endif %} {{- workspace_name -}} is ready'),
    ).toBe('Hi [first name], your [workspace name] is ready');
  });
});

describe('nodeTitle', () => {
  it('uses the node title, or the type label when there is none', () => {
    expect(nodeTitle(node({ type: 'exit', title: 'Done' }))).toBe('Done');
    expect(
      nodeTitle(
        node({
          type: 'random_split',
          config: {
            branches: [
              { output: 'a', percent: 50 },
              { output: 'b', percent: 50 },
            ],
          },
        }),
      ),
    ).toBe('Random split');
  });
});
