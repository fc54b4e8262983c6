import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Drop, Liquid } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import { renderHtml, renderTemplate, renderText, type TemplateContext } from '../../shared/journey/template';
import { compileTemplate } from '../../shared/journey/template-compile';

/**
 * The compiled templates must render exactly what liquidjs renders. liquidjs, configured as
 * template.ts configures it, is the oracle for every test here.
 */
const textLiquid = new Liquid({ strictFilters: true });
const htmlLiquid = new Liquid({ outputEscape: 'escape', strictFilters: true });

type Outcome = { ok: string } | { error: string };

function outcome(render: () => string): Outcome {
  try {
    return { ok: render() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function liquid(source: string, context: unknown, html: boolean): Outcome {
  const engine = html ? htmlLiquid : textLiquid;
  return outcome(() => engine.parseAndRenderSync(source, context as Record<string, unknown>));
}

/** Renders with the compiled closure, which must exist. */
function compiled(source: string, context: unknown, html: boolean): Outcome {
  const template = compileTemplate(source, html);
  if (!template) throw new Error(`did not compile (${html ? 'html' : 'text'}): ${source}`);
  return outcome(() => template(context as TemplateContext));
}

/** Compiled renders, and those that threw although liquidjs rendered (needlessly slow, not wrong). */
const stats = { renders: 0, fallbacks: 0 };

/**
 * The compiled template renders what liquidjs renders. It may throw instead (a value it leaves to
 * liquidjs, e.g. an object whose toString is not a function): then renderText/renderHtml fall back.
 */
function expectSame(source: string, context: unknown): void {
  for (const html of [false, true]) {
    const expected = liquid(source, context, html);
    const actual = compiled(source, context, html);
    stats.renders++;
    if ('ok' in actual) {
      expect(actual, source).toEqual(expected);
    } else {
      if ('ok' in expected) stats.fallbacks++;
      const render = html ? renderHtml : renderText;
      expect(
        outcome(() => render(source, context as TemplateContext)),
        source,
      ).toEqual(expected);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Contexts: plain data with the values that make Liquid interesting.

const KEYS = ['name', 'a', 'b', 'size', 'first', 'last', 'length', 'x-y', '0', 'toString', 'guide'];
/** Data keys; rarely `toString`, which makes String(object) throw (in liquidjs too). */
const dataKey = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...KEYS.filter((k) => k !== 'toString')) },
  { weight: 1, arbitrary: fc.constant('toString') },
);

const text = fc.string({
  unit: fc.constantFrom('a', 'B', 'é', ' ', '\n', '<', '>', '&', '"', "'", '0', '-', '}}', '%}'),
  maxLength: 8,
});

const leaf = fc.oneof(
  text,
  fc.constantFrom('', 'a', 'checklist', 'technical', 'x', '<b>', '0', 'true'),
  fc.integer({ min: -3, max: 3 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date(),
);

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(dataKey, tie('value'), { maxKeys: 4 }),
  ),
}));

const ROOTS = ['user', 'trigger', 'event', 'vars', 'journey', 'unsubscribe_url'] as const;
const context = fc.dictionary(fc.constantFrom(...ROOTS, 'size', 'first'), value, { maxKeys: 7 });

// ---------------------------------------------------------------------------------------------
// (a) Every Liquid source shipped in resources/journeys compiles and renders like liquidjs.

const journeyDir = join(import.meta.dirname, '../../resources/journeys');
const journeySources = new Set<string>();
for (const file of readdirSync(journeyDir).filter((name) => name.endsWith('.json'))) {
  const walk = (node: unknown): void => {
    if (typeof node === 'string') {
      if (node.includes('{{') || node.includes('{%')) journeySources.add(node);
    } else if (node && typeof node === 'object') {
      for (const child of Object.values(node)) walk(child);
    }
  };
  const journey = JSON.parse(readFileSync(join(journeyDir, file), 'utf8'));
  walk(journey);
  for (const template of Object.values(journey.templates ?? {}) as { subject: string; html: string; text: string }[])
    for (const source of [template.subject, template.html, template.text]) journeySources.add(source);
}

/** Contexts with the keys the journeys read, present or not, plain or odd. */
function journeyContext(sources: Iterable<string>) {
  const keys: Record<string, Set<string>> = {};
  for (const source of sources) {
    for (const [, root = '', key = ''] of source.matchAll(/\b(user|trigger|event|vars|journey)\.([A-Za-z_]\w*)/g)) {
      keys[root] = new Set([...(keys[root] ?? []), key]);
    }
  }
  const record = (names: Set<string> | undefined) =>
    fc.record(Object.fromEntries([...(names ?? [])].map((name) => [name, value])), { requiredKeys: [] });
  return fc.record({
    user: record(keys.user),
    trigger: record(keys.trigger),
    event: record(keys.event),
    vars: record(keys.vars),
    journey: record(keys.journey),
    unsubscribe_url: fc.oneof(text, fc.constant('https://example.com/u?a=1&b=<2>')),
  });
}

describe('journey templates', () => {
  const sources = [...journeySources];

  it('finds the Liquid in resources/journeys', () => {
    expect(sources.length).toBeGreaterThan(15);
    expect(sources.some((source) => source.includes('{% case'))).toBe(true);
    expect(sources.some((source) => source.includes('| json'))).toBe(true);
  });

  it('all compile, in text and html mode', () => {
    for (const source of sources) {
      expect(compileTemplate(source, false), source).not.toBeNull();
      expect(compileTemplate(source, true), source).not.toBeNull();
    }
  });

  it('render byte-identical to liquidjs', () => {
    Object.assign(stats, { renders: 0, fallbacks: 0 });
    fc.assert(
      fc.property(journeyContext(sources), (ctx) => {
        for (const source of sources) expectSame(source, ctx);
      }),
      { numRuns: 300 },
    );
    expect(stats.fallbacks).toBe(0);
  });

  it('render every case branch', () => {
    for (const guide of ['checklist', 'technical', 'other', undefined]) {
      const ctx = {
        user: { id: 'u1', workspace_name: 'Acme & <Co>' },
        trigger: { integration_type: '"Salesforce"' },
        event: {},
        vars: { guide, category: 'crm' },
        journey: { last_event: "Integration's started" },
        unsubscribe_url: 'https://example.com/u?a=1&b=2',
      };
      for (const source of sources) expectSame(source, ctx);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// (b) Random templates from the compiled grammar, against random contexts.

const blank = fc.constantFrom('', '', ' ', '  ', '\n', '\t', '\u00a0');
const someBlank = fc.constantFrom(' ', '  ', '\n', '\t ');
const dash = fc.constantFrom('', '', '-');

const key = fc.constantFrom(...KEYS);
const segment = fc.oneof(
  key.filter((name) => /^[\w-]+$/.test(name)).map((name) => `.${name}`),
  key.map((name) => `["${name}"]`),
  key.map((name) => `[ '${name}' ]`),
  fc.integer({ min: -2, max: 2 }).map((index) => `[${index}]`),
);
const path = fc
  .tuple(fc.constantFrom(...ROOTS, 'size', 'first', 'missing', 'toString'), fc.array(segment, { maxLength: 3 }))
  .map(([root, segments]) => root + segments.join(''));

const literal = fc.oneof(
  fc
    .string({ unit: fc.constantFrom('a', ' ', '<', '&', '>', "'", 'é', '}}', 'checklist'), maxLength: 5 })
    .map((s) => `"${s}"`),
  fc.string({ unit: fc.constantFrom('b', '"', '<', ' '), maxLength: 4 }).map((s) => `'${s}'`),
  fc.constantFrom('0', '1', '-1', '2.5', 'true', 'false'),
);
const operand = fc.oneof({ weight: 3, arbitrary: path }, { weight: 2, arbitrary: literal });

const expression = fc
  .tuple(
    operand,
    fc.array(
      fc.oneof(
        fc.tuple(blank, fc.constantFrom('==', '!='), blank, operand).map((parts) => parts.join('')),
        fc.tuple(someBlank, fc.constantFrom('and', 'or'), someBlank, operand).map((parts) => parts.join('')),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([first, rest]) => first + rest.join(''));

const filter = fc.oneof(
  fc.constantFrom('json', 'jsonify', 'upcase', 'downcase', 'capitalize', 'strip', 'escape', 'raw'),
  fc
    .tuple(fc.constantFrom('default', 'append', 'prepend'), blank, operand)
    .map(([name, space, arg]) => `${name}:${space}${arg}`),
  fc
    .tuple(operand, blank, fc.constantFrom('true', 'false', 'user.a'))
    .map(([arg, space, allow]) => `default: ${arg},${space}allow_false: ${allow}`),
);
const filtered = fc
  .tuple(expression, fc.array(fc.tuple(blank, filter, blank), { maxLength: 3 }))
  .map(([expr, filters]) => expr + filters.map(([before, name, after]) => `${before}|${after}${name}`).join(''));

const tag = (body: string) =>
  fc
    .tuple(dash, someBlank, blank, dash)
    .map(([left, before, after, right]) => `{%${left}${before}${body}${after}${right}%}`);

const rawText = fc.string({
  unit: fc.constantFrom('a', 'é', ' ', '\n', '\t', '\u00a0', '\u3000', '<', '&', '"', "'", '}', '%', '-', '}}'),
  maxLength: 6,
});

const { template } = fc.letrec<{ template: string; part: string }>((tie) => {
  const body = tie('template');
  const tagged = (name: string, args: fc.Arbitrary<string>) =>
    args.chain((text) => tag(text ? `${name} ${text}` : name));
  const ifTag = fc
    .tuple(
      fc.constantFrom('if', 'unless'),
      filtered,
      body,
      fc.array(fc.tuple(filtered, body), { maxLength: 2 }),
      fc.option(body),
    )
    .chain(([name, condition, first, elsifs, otherwise]) =>
      fc
        .tuple(
          tagged(name, fc.constant(condition)),
          fc.tuple(...elsifs.map(([test]) => tagged('elsif', fc.constant(test)))),
          tagged('else', fc.constant('')),
          tagged(`end${name}`, fc.constant('')),
        )
        .map(
          ([open, elsifTags, elseTag, close]) =>
            open +
            first +
            elsifs.map(([, text], k) => (elsifTags[k] ?? '') + text).join('') +
            (otherwise === null ? '' : elseTag + otherwise) +
            close,
        ),
    );
  const whenValues = fc
    .tuple(operand, fc.array(fc.tuple(fc.constantFrom(', ', ',', ' or ', '  or\n'), operand), { maxLength: 2 }))
    .map(([first, rest]) => first + rest.map(([sep, v]) => sep + v).join(''));
  const caseTag = fc
    .tuple(filtered, rawText, fc.array(fc.tuple(whenValues, body), { maxLength: 3 }), fc.option(body))
    .chain(([target, preamble, whens, otherwise]) =>
      fc
        .tuple(
          tagged('case', fc.constant(target)),
          fc.tuple(...whens.map(([values]) => tagged('when', fc.constant(values)))),
          tagged('else', fc.constant('')),
          tagged('endcase', fc.constant('')),
        )
        .map(
          ([open, whenTags, elseTag, close]) =>
            open +
            preamble +
            whens.map(([, text], k) => (whenTags[k] ?? '') + text).join('') +
            (otherwise === null ? '' : elseTag + otherwise) +
            close,
        ),
    );
  const output = fc
    .tuple(dash, blank, filtered, blank, dash)
    .map(([left, before, text, after, right]) => `{{${left}${before}${text}${after}${right}}}`);
  return {
    part: fc.oneof(
      { depthSize: 'small' },
      { weight: 3, arbitrary: rawText },
      { weight: 4, arbitrary: output },
      ifTag,
      caseTag,
    ),
    template: fc.array(tie('part'), { maxLength: 4 }).map((parts) => parts.join('')),
  };
});

describe('random templates in the compiled subset', () => {
  it('render byte-identical to liquidjs, in text and html mode', () => {
    Object.assign(stats, { renders: 0, fallbacks: 0 });
    fc.assert(
      fc.property(template, context, (source, ctx) => {
        expectSame(source, ctx);
      }),
      { numRuns: 3000 },
    );
    // Plain data never needs liquidjs.
    expect(stats).toEqual({ renders: 6000, fallbacks: 0 });
  });

  it('exercise escaping, filters and tags (the comparison above is not vacuous)', () => {
    const samples = fc.sample(fc.tuple(template, context), { numRuns: 500, seed: 42 });
    const escaped = samples.filter(([source, ctx]) => {
      const html = compiled(source, ctx, true);
      const plain = compiled(source, ctx, false);
      return 'ok' in html && 'ok' in plain && html.ok !== plain.ok;
    });
    expect(escaped.length).toBeGreaterThan(50);
    expect(samples.filter(([source]) => source.includes('{% case')).length).toBeGreaterThan(20);
    expect(samples.filter(([source]) => /\{%-? *(if|unless)/.test(source)).length).toBeGreaterThan(20);
  });

  it('fuzz: anything that compiles is valid Liquid and renders like liquidjs', () => {
    const piece = fc.constantFrom(
      '{{',
      '}}',
      '{%',
      '%}',
      '-',
      ' ',
      '\n',
      'if ',
      'endif',
      'else',
      'elsif ',
      'unless ',
      'endunless',
      'case ',
      'when ',
      'endcase',
      'for ',
      'raw',
      'user.name',
      'vars.guide',
      'a',
      '.',
      '[',
      ']',
      '"x"',
      "'<'",
      '"',
      "'",
      '\\',
      '|',
      ' | ',
      'default',
      'default: "d"',
      ':',
      ',',
      ' or ',
      ' and ',
      '==',
      '!=',
      'json',
      'upcase',
      '1',
      'nil',
      'x',
    );
    let compiledCount = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), context, (pieces, ctx) => {
        const source = pieces.join('');
        for (const html of [false, true]) {
          const template = compileTemplate(source, html);
          const expected = liquid(source, ctx, html);
          if (!template) continue;
          compiledCount++;
          expect(expected, source).toHaveProperty('ok');
          expect(
            outcome(() => template(ctx as unknown as TemplateContext)),
            source,
          ).toEqual(expected);
        }
      }),
      { numRuns: 5000 },
    );
    expect(compiledCount).toBeGreaterThan(500);
  });
});

// ---------------------------------------------------------------------------------------------
// (c) Everything else falls back to liquidjs, errors included.

const plainContext: TemplateContext = {
  user: { name: 'Ada <&>', tags: ['a', 'b'], n: 3, when: '2024-01-02T03:04:05Z' },
  trigger: {},
  event: {},
  vars: { guide: 'checklist' },
  journey: {},
  unsubscribe_url: 'https://example.com/u?a=1&b=2',
};

describe('fallback to liquidjs', () => {
  it.each([
    '{% for tag in user.tags %}<{{ tag }}>{% endfor %}',
    '{% assign x = user.name %}{{ x }}',
    '{% capture x %}{{ user.name }}{% endcapture %}{{ x }}',
    '{{ user.when | date: "%Y" }}',
    '{{ user.name | truncate: 4 }}',
    '{{ user.tags | join: ", " }}',
    '{{ user.name | default: "a\\"b" }}',
    '{% raw %}{{ user.name }}{% endraw %}',
    '{% comment %}{{ user.name }}{% endcomment %}x',
    '{% # note %}x',
    '{% if user.tags contains "a" %}yes{% endif %}',
    '{% if user.n > 2 %}big{% endif %}',
    '{% if user.name == nil %}none{% endif %}',
    '{% if user.name == empty %}none{% endif %}',
    '{{ nil }}',
    '{{ user.name | default }}',
    '{{ (1..3) }}',
    '{{ user[vars.guide] }}',
    '{{ "abc".size }}',
    '{{ user.name user.n }}',
  ])('renders %s as liquidjs does', (source) => {
    expect(compileTemplate(source, false)).toBeNull();
    expect(compileTemplate(source, true)).toBeNull();
    expect(outcome(() => renderText(source, plainContext))).toEqual(liquid(source, plainContext, false));
    expect(outcome(() => renderHtml(source, plainContext))).toEqual(liquid(source, plainContext, true));
  });

  it.each([
    '{% if user.name %}unclosed',
    '{{ user.name | nope }}',
    '{{ user.name ',
    '{% if user.name %}',
    '{% endif %}',
    '{% when "a" %}',
    '{% case vars.guide %}{% when "a" %}a',
    '{% if user.name %}{% else %}{% else %}{% endif %}',
    '{% if user.name %}{% else %}{% elsif user.n %}{% endif %}',
    '{% if user.name %}{% endif x %}',
    '{% iff user.name %}{% endif %}',
    '{{ "unterminated }}',
    '{{ }}',
    '{% %}',
  ])('throws for %s as liquidjs does', (source) => {
    expect(compileTemplate(source, false)).toBeNull();
    const expected = liquid(source, plainContext, false);
    expect(expected).toHaveProperty('error');
    expect(outcome(() => renderText(source, plainContext))).toEqual(expected);
    expect(outcome(() => renderHtml(source, plainContext))).toEqual(liquid(source, plainContext, true));
    const template = { subject: 'Hi', html: source, text: 'plain' };
    expect(() => renderTemplate(template, plainContext)).toThrow();
  });

  class Person extends Drop {
    name = 'Grace <Hopper>';
    override valueOf(): string {
      return 'drop-value';
    }
    greeting(): string {
      return 'hello & welcome';
    }
  }
  class Point {
    x = 1;
  }
  const comparable = { equals: () => true, gt: () => false, geq: () => true, lt: () => false, leq: () => true };
  const odd: [string, unknown][] = [
    ['a drop', new Person()],
    ['an object with toLiquid', { toLiquid: () => ({ name: 'from toLiquid' }) }],
    ['a function', () => 'called'],
    ['a class instance', new Point()],
    ['a Map', new Map([['name', 'm']])],
    ['a null-prototype object', Object.assign(Object.create(null), { name: 'n' })],
    ['an array holding a drop', ['a', new Person()]],
    ['an object holding a function', { name: () => 'fn' }],
    ['a comparable object', comparable],
    ['an iterator-like object', { next: () => ({ done: true, value: 'it' }), throw: () => 0, return: () => 0 }],
    ['a Date', new Date(0)],
    ['a boxed string', Object('boxed')],
  ];
  const sources = [
    '{{ user.v }}',
    '{{ user.v.name }}|{{ user.v.greeting }}|{{ user.v.size }}|{{ user.v.first }}',
    '{{ user.v | default: "d" }}|{{ user.v | json }}|{{ user.v | upcase }}',
    '{% if user.v == "a" %}eq{% else %}ne{% endif %}{% if user.v %}t{% endif %}',
    '{% case user.v %}{% when "a" %}A{% else %}other{% endcase %}',
    '{% case user.v %}{% when user.v %}same{% endcase %}',
  ];
  it.each(odd)('renders %s in the context as liquidjs does', (_label, v) => {
    const ctx = { ...plainContext, user: { v } };
    for (const source of sources) {
      expect(
        outcome(() => renderText(source, ctx)),
        source,
      ).toEqual(liquid(source, ctx, false));
      expect(
        outcome(() => renderHtml(source, ctx)),
        source,
      ).toEqual(liquid(source, ctx, true));
    }
  });

  it('renderTemplate renders compiled and fallback parts alike', () => {
    const template = {
      subject: '  Hi {{ user.name }},\n  {% for t in user.tags %}{{ t }}{% endfor %} ',
      html: '<p>{{ user.name | default: "there" }}</p>',
      text: '{% assign n = user.n %}{{ n }} & {{ user.name }}',
    };
    const parts = renderTemplate(template, plainContext);
    expect({ ...parts }).toEqual({ subject: 'Hi Ada <&>, ab', html: '<p>Ada &lt;&amp;&gt;</p>', text: '3 & Ada <&>' });
    expect(Object.keys(parts)).toEqual(['subject', 'html', 'text']);
  });
});
