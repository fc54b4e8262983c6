import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createJourneyValidator } from '../../electron/journeys/validator';
import { Journey } from '../../shared/journey/schema';
import {
  lintTemplate,
  MAX_TEMPLATE_CHARS,
  renderHtml,
  renderText,
  type TemplateContext,
} from '../../shared/journey/template';
import { validateJourney } from '../../shared/journey/validate';
import { engineFixture, identify, track } from '../engine/harness';
import { sampleJourney } from '../store/fixtures';

const ROOT = join(import.meta.dirname, '../..');
const context: TemplateContext = {
  user: { id: 'u1' },
  trigger: {},
  event: {},
  vars: {},
  journey: {},
  unsubscribe_url: '',
};

const FILE_READS = [
  "{% include 'package.json' %}",
  "{% render 'package.json' %}",
  "{% layout 'package.json' %}",
  "{% assign name = 'package.json' %}{% include name %}",
  '{% include "../../../../etc/passwd" %}',
];

const RUNAWAYS = [
  '{% for i in (1..300000000) %}x{% endfor %}',
  '{%- for i in (1..5000000) -%}{%- endfor -%}',
  '{% for i in (1..1000) %}{% for j in (1..1000) %}{% for k in (1..1000) %}.{% endfor %}{% endfor %}{% endfor %}',
  "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s.size }}",
  // Within the memory budget (its ranges are small) and quick, but 490 million characters of output.
  `{% for i in (1..700) %}{% for j in (1..700) %}${'x'.repeat(1000)}{% endfor %}{% endfor %}`,
];

/** A journey whose welcome email uses `html` as its body (saved as a journey might have been before these checks). */
function journeyWithBody(html: string) {
  const journey = sampleJourney('risky', 'Risky');
  const hello = journey.templates?.hello;
  if (hello) hello.html = html;
  return journey;
}

describe('templates cannot read files', () => {
  test.each(FILE_READS)('%s is an error when the journey is checked', (source) => {
    const issues = lintTemplate(source);
    expect(issues).toEqual([{ severity: 'error', message: expect.stringMatching(/is not available/) }]);
  });

  test.each(FILE_READS)('%s renders nothing from disk when sent', (source) => {
    const packageText = readFileSync(join(ROOT, 'package.json'), 'utf8');
    for (const render of [renderHtml, renderText]) {
      let output = '';
      let message = '';
      try {
        output = render(source, context);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(output).not.toContain('"name": "dripagent"');
      expect(message).toMatch(/is not available/);
      expect(message).not.toContain(packageText.slice(0, 20));
    }
  });

  test('a file that exists and one that does not give the same answer (no probing)', () => {
    const existing = lintTemplate("{% include 'package.json' %}")[0]?.message;
    const missing = lintTemplate("{% include 'no-such-file.json' %}")[0]?.message;
    expect(existing).toBe(missing);
  });
});

describe('templates have limits', () => {
  test.each(RUNAWAYS)('%s is an error when the journey is checked', (source) => {
    const issues = lintTemplate(source);
    expect(issues).toContainEqual({ severity: 'error', message: expect.stringMatching(/went over its limits/) });
  });

  test('a render stops when its output passes the cap, in HTML and in text', () => {
    const source = `{% for i in (1..700) %}{% for j in (1..700) %}${'x'.repeat(1000)}{% endfor %}{% endfor %}`;
    expect(() => renderHtml(source, context)).toThrow(/output limit exceeded/);
    expect(() => renderText(source, context)).toThrow(/output limit exceeded/);
    // Loops that stay under it render as before.
    expect(renderText('{% for i in (1..3) %}{{ i }}{% endfor %}', context)).toBe('123');
  });

  test('a template longer than the limit is an error, named in characters', () => {
    const issues = lintTemplate('x'.repeat(MAX_TEMPLATE_CHARS + 1));
    expect(issues).toEqual([{ severity: 'error', message: expect.stringMatching(/200,000/) }]);
  });

  test('a journey with a runaway loop does not validate', () => {
    const result = validateJourney(journeyWithBody(RUNAWAYS[0] as string));
    expect(result.problems).toContainEqual(
      expect.objectContaining({ severity: 'error', field: 'templates.hello.html' }),
    );
  });

  test('sending it is a recorded failure for every user, and the host keeps working', () => {
    const fixture = engineFixture([]);
    try {
      // As a journey stored before these checks existed would be: published without validation.
      const journey = Journey.parse(journeyWithBody(RUNAWAYS[0] as string));
      fixture.store.journeys.saveDraft({ id: journey.id, name: journey.name, json: JSON.stringify(journey) });
      fixture.store.journeys.publish(journey.id);
      fixture.engine.journeysChanged();
      const users = Array.from({ length: 50 }, (_, i) => `u${i}`);
      fixture.engine.ingest(users.flatMap((u) => [identify(u), track(u, 'signed_up', 1000)]));
      const skips = users.flatMap((u) =>
        fixture.store.journal.forUser(u, 100).flatMap((entry) => entry.outcomes.filter((o) => o.type === 'skip')),
      );
      expect(skips).toHaveLength(50);
      expect(skips.every((s) => s.type === 'skip' && s.reason === 'template_error')).toBe(true);
      expect(fixture.store.outbox.counts().pending).toBe(0);
      // Another user's unrelated event still goes through.
      expect(fixture.engine.ingest([identify('later')]).accepted).toBe(1);
    } finally {
      fixture.close();
    }
  });
});

describe('journey validation stays off the request path', () => {
  let validator: ReturnType<typeof createJourneyValidator> | undefined;
  afterEach(async () => {
    await validator?.close();
  });

  /** The issue's case: an email with 6,000 filter chains (0.4 MB). */
  const chains = (n: number) =>
    Array.from({ length: n }, (_, i) => `<p>{{ user.name${i} | default: "x" | upcase | append: "y" }}</p>`).join('\n');

  test('a 0.4 MB template is refused for its size', () => {
    const result = validateJourney(journeyWithBody(chains(6000)));
    expect(result.problems).toContainEqual(
      expect.objectContaining({ severity: 'error', message: expect.stringMatching(/characters long/) }),
    );
  });

  test('while the worker checks a large journey, the main thread answers other work first', async () => {
    validator = createJourneyValidator();
    const order: string[] = [];
    const checking = validator.validate(journeyWithBody(chains(3000))).then(() => order.push('validated'));
    await new Promise((resolve) => setImmediate(resolve));
    order.push('other work');
    await checking;
    expect(order).toEqual(['other work', 'validated']);
  });

  test('a validation past its time limit is cut off and reported, not waited for', async () => {
    validator = createJourneyValidator({ timeoutMs: 1 });
    const result = await validator.validate(journeyWithBody(chains(3000)));
    expect(result.problems[0]?.message).toMatch(/took longer than/);
    validator = createJourneyValidator({ timeoutMs: 30_000 });
    expect((await validator.validate(sampleJourney())).journey?.id).toBe('welcome');
  });
});
