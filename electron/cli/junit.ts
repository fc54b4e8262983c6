/** One test in a JUnit report: a scenario, or a journey file that could not be read. */
export interface JUnitCase {
  /** The journey id (or the file, when it could not be read). */
  suite: string;
  name: string;
  /** Seconds. */
  time: number;
  /** Expectations that differ: a `<failure>`. */
  failures?: string[];
  /** The scenario or file could not be run: an `<error>`. */
  error?: string;
}

/**
 * A JUnit XML report (the format CI systems read: Jenkins, GitLab, GitHub's test reporters), one
 * `<testsuite>` per journey, one `<testcase>` per scenario.
 * @example junitXml([{ suite: 'integration-setup', name: 'Happy path', time: 0.002 }]).startsWith('<?xml') // true
 */
export function junitXml(cases: readonly JUnitCase[], name = 'dripagent test'): string {
  const suites = new Map<string, JUnitCase[]>();
  for (const c of cases) suites.set(c.suite, [...(suites.get(c.suite) ?? []), c]);
  const count = (list: readonly JUnitCase[]) => ({
    tests: list.length,
    failures: list.filter((c) => !c.error && (c.failures?.length ?? 0) > 0).length,
    errors: list.filter((c) => c.error).length,
    time: list.reduce((sum, c) => sum + c.time, 0),
  });
  const attributes = (values: Record<string, string | number>) =>
    Object.entries(values)
      .map(([key, value]) => ` ${key}="${escapeXml(typeof value === 'number' ? seconds(value, key) : value)}"`)
      .join('');
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attributes({ name, ...count(cases) })}>`];
  for (const [suite, list] of suites) {
    lines.push(`  <testsuite${attributes({ name: suite, ...count(list) })}>`);
    for (const c of list) {
      const open = `    <testcase${attributes({ classname: suite, name: c.name, time: c.time })}`;
      if (c.error) {
        lines.push(`${open}>`, `      <error${attributes({ message: c.error })}/>`, '    </testcase>');
      } else if (c.failures && c.failures.length > 0) {
        const message = c.failures.join('; ');
        lines.push(
          `${open}>`,
          `      <failure${attributes({ message, type: 'expectation' })}>${escapeXml(c.failures.join('\n'))}</failure>`,
          '    </testcase>',
        );
      } else {
        lines.push(`${open}/>`);
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

const seconds = (value: number, key: string) => (key === 'time' ? value.toFixed(3) : String(value));

/** Escapes text for an XML attribute or element, and drops characters XML 1.0 cannot carry. */
function escapeXml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML 1.0 forbids.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      // A lone surrogate half is not a character XML can carry either.
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/\n/g, '&#10;')
  );
}
