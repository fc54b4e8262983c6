import { describe, expect, it } from 'vitest';
import { lintTemplate } from '../../../shared/journey/template';

const errors = (source: string, present: string[] = []) =>
  lintTemplate(source, ['integration_name'], new Set(present))
    .filter((i) => i.severity === 'error')
    .map((i) => i.message);
const noFallback = (path: string) =>
  expect.stringMatching(new RegExp(`^\\{\\{ ${path.replace(/[.[\]]/g, '\\$&')} \\}\\} has no fallback`));

describe('outputs that may print a gap, however they are spelt', () => {
  it('the bracket form is the same value as the dotted one', () => {
    expect(errors("Hi {{ user['first_name'] }}")).toEqual([noFallback('user.first_name')]);
    expect(errors('Hi {{ user["first_name"] | default: "there" }}')).toEqual([]);
  });

  it('a copy made with assign is reported as what it copies, unless the copy has a fallback', () => {
    expect(errors('{% assign n = user.first_name %}Hi {{ n }}')).toEqual([noFallback('user.first_name')]);
    expect(errors('{% assign n = user.first_name | default: "there" %}Hi {{ n }}')).toEqual([]);
    expect(errors('{% assign n = "there" %}Hi {{ n }}')).toEqual([]);
  });

  it('an output guarded by an if (or unless … else) that checks it needs no fallback; its else does', () => {
    expect(errors('Hi {% if user.first_name %}{{ user.first_name }}{% else %}there{% endif %}')).toEqual([]);
    expect(errors('{% if user.first_name != blank %}{{ user.first_name }}{% endif %}')).toEqual([]);
    expect(errors('{% if user.a and user.b %}{{ user.a }} {{ user.b }}{% endif %}')).toEqual([]);
    expect(errors('{% unless user.first_name %}Hi{% else %}Hi {{ user.first_name }}{% endunless %}')).toEqual([]);
    expect(errors('{% if user.first_name %}x{% else %}{{ user.first_name }}{% endif %}')).toEqual([
      noFallback('user.first_name'),
    ]);
    expect(errors('{% if user.a or user.b %}{{ user.a }}{% endif %}')).toEqual([noFallback('user.a')]);
    expect(errors('{% assign n = user.first_name %}{% if n %}Hi {{ n }}{% endif %}')).toEqual([]);
  });

  it('what the trigger filter requires, and values always there, need none', () => {
    expect(errors('{{ trigger.integration_type }}', ['trigger.integration_type'])).toEqual([]);
    expect(errors('{{ user.id }} {{ journey.name }} {{ vars.integration_name }} {{ unsubscribe_url }}')).toEqual([]);
  });

  it('a journey field that does not exist is an error, not a gap in every email', () => {
    expect(errors('{{ journey.nmae }}')).toEqual([
      '{{ journey.nmae }} is not a journey field (use journey.id, journey.name, journey.entered_at, journey.last_event)',
    ]);
    expect(errors('{{ journey.entered_at }} {{ journey.last_event }} {{ journey.id }}')).toEqual([]);
  });
});
