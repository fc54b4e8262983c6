import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { Journey } from '../../shared/journey/schema';
import { expect, REPO_ROOT, test } from './fixtures';
import type { AppPage } from './pages/AppPage';

const BUNDLED = join(REPO_ROOT, 'resources/journeys/integration-setup.json');

/** The subjects the bundled emails have: typed in, Liquid and all, so outcomes match word for word. */
const SUBJECTS = {
  confirm: 'Finish connecting your data source in 5 minutes',
  credential_help: 'Create your API key to keep the {{ vars.integration_name }} setup moving',
  error_help: 'We noticed your integration is failing authentication',
  domain_help: 'One step left before live sending',
  test_prompt: 'Send one test event to confirm your {{ vars.integration_name }} connection',
};

/** A morning of setup attempts: every path of the journey, and users it must leave alone. */
function setupEvents(): string {
  const t0 = Date.parse('2026-03-02T09:00:00Z');
  const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
  const lines: object[] = [];
  const user = (
    userId: string,
    role: string,
    startedAfter: number,
    type: string,
    later: [number, string, object?][],
  ) => {
    lines.push({
      type: 'identify',
      userId,
      timestamp: at(0),
      traits: { email: `${userId}@acme.test`, createdAt: at(0), role, workspace_name: 'Acme' },
    });
    lines.push({
      type: 'track',
      userId,
      event: 'integration_started',
      timestamp: at(startedAfter),
      properties: { integration_type: type },
    });
    for (const [minutes, event, properties] of later)
      lines.push({ type: 'track', userId, event, timestamp: at(minutes), properties: properties ?? {} });
  };
  user('happy', 'founder', 5, 'custom_api', [
    [25, 'api_key_created'],
    [60, 'domain_verified'],
    [90, 'test_event_sent'],
    [120, 'sync_completed'],
  ]);
  user('stalls-key', 'founder', 5, 'custom_api', []);
  user('stalls-domain', 'marketer', 5, 'custom_api', [[60, 'api_key_created']]);
  user('errors', 'engineer', 5, 'custom_api', [
    [20, 'setup_error_seen', { error_code: '401' }],
    [40, 'setup_error_seen', { error_code: '401' }],
  ]);
  user('oauth', 'founder', 5, 'stripe', []);
  user('dns', 'ops', 10, 'dns', [
    [300, 'api_key_created'],
    [3000, 'domain_verified'],
  ]);
  user('synced', 'founder', 5, 'hubspot', [[30, 'sync_completed']]);
  user('connected', 'founder', 5, 'webhook', [[200, 'integration_connected']]);
  user('late', 'founder', 180, 'custom_api', []);
  return `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
}

function simulate(journeyFile: string, eventsFile: string): string {
  return execFileSync(
    process.execPath,
    ['electron/bin/dripagent.mjs', 'simulate', '--journey', journeyFile, '--events', eventsFile],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    },
  );
}

async function writeEmail(
  app: AppPage,
  subject: string,
  body: string,
  expectedSubject: string,
  displayName?: string,
): Promise<void> {
  await app.email.open();
  await app.email.write(subject, body);
  await app.email.insertVariable('user.workspace_name', 'your workspace');
  // The integration's display name ("custom API"): its label map is made on the first insert.
  if (displayName) await app.email.insertDisplayName(displayName);
  await expect(app.email.previewSubject()).toHaveText(expectedSubject);
  await expect(app.email.previewHtml()).toContainText('Acme');
  await app.email.close();
}

/** A wait for `event`, timed by the integration category with the guide's n-th reminder timings. */
async function waitFor(app: AppPage, event: string, reminder: 'first' | 'second' | 'third'): Promise<void> {
  await app.inspector.fill('wait-event', event);
  await app.inspector.click('wait-timeout-category');
  if (reminder !== 'first') await app.inspector.click(`wait-timeout-preset-${reminder}`);
}

test('a marketer draws the integration-setup journey from an empty canvas, publishes and exports it, and it behaves like the bundled one', async ({
  app,
}, testInfo) => {
  test.setTimeout(180_000);
  const { canvas, inspector, page } = app;
  await app.open();
  // The bundled example goes first, so the drawing can take its id.
  await app.journeys.delete('integration-setup');
  await app.journeys.create('Integration setup');

  // Trigger and who may enter.
  await canvas.add('trigger');
  await inspector.name('start', 'Integration started');
  await inspector.fill('trigger-event', 'integration_started');
  await inspector.click('eligibility-add');
  await inspector.fill('eligibility-rule-0-event', 'integration_started');
  await inspector.choose('eligibility-rule-0-window', 'trait');
  await expect(inspector.field('eligibility-rule-0-trait')).toHaveValue('createdAt');
  await inspector.click('eligibility-add');
  await inspector.fill('eligibility-rule-1-event', 'integration_connected');
  await inspector.choose('eligibility-rule-1-happened', 'no');
  await inspector.click('eligibility-add');
  await inspector.fill('eligibility-rule-2-event', 'sync_completed');
  await inspector.choose('eligibility-rule-2-happened', 'no');
  await expect(canvas.node('start')).toContainText('Only if Integration started happened within 1 hour of sign-up');

  // The happy path down the middle.
  await canvas.add('email');
  await inspector.name('confirm', 'Confirm the steps');
  await writeEmail(
    app,
    SUBJECTS.confirm,
    "You've started the setup.\n\nCreate an API key, add it in settings, and send **one test event** for",
    SUBJECTS.confirm,
  );
  await canvas.add('wait');
  await inspector.name('wait_api_key', 'API key created?');
  await waitFor(app, 'api_key_created', 'first');
  await expect(canvas.node('wait_api_key')).toContainText('Up to 30 min / 2 h / 12 h for API key created');
  await canvas.add('wait');
  await inspector.name('wait_domain', 'Domain verified?');
  await waitFor(app, 'domain_verified', 'second');

  // No API key in time: a known error, or guidance.
  await canvas.select('wait_api_key');
  await canvas.add('condition');
  await inspector.name('known_error', 'Known setup error?');
  await inspector.click('condition-add');
  await inspector.choose('condition-rule-0-kind', 'event_count');
  await inspector.fill('condition-rule-0-event', 'setup_error_seen');
  await inspector.choose('condition-rule-0-same', 'same');
  await inspector.fill('condition-rule-0-property', 'error_code');
  await expect(inspector.field('condition-rule-0')).toContainText(
    'Setup error seen happened 2+ times with the same error code in the last 12 hours',
  );
  // A known error gets help from the troubleshooting journey when it runs, else from this one.
  await canvas.add('condition');
  await inspector.name('troubleshooting_live', 'Troubleshooting under way?');
  await inspector.click('condition-add');
  await inspector.choose('condition-rule-0-kind', 'event');
  await inspector.fill('condition-rule-0-event', 'troubleshooting_started');
  await inspector.choose('condition-rule-0-window', 'entry');
  await canvas.add('wait');
  await inspector.name('wait_api_key_after_help', 'API key created after help?');
  await waitFor(app, 'api_key_created', 'third');
  await inspector.link('happened', 'wait_domain');
  await canvas.select('troubleshooting_live');
  await canvas.add('email');
  await inspector.name('error_help', 'Error-specific help');
  await writeEmail(
    app,
    SUBJECTS.error_help,
    'Your last setup attempts failed twice with the same error. Check the key and its environment.\n\nFor',
    SUBJECTS.error_help,
  );
  await inspector.link('next', 'wait_api_key_after_help');
  await canvas.select('known_error');
  await canvas.add('email');
  await inspector.name('credential_help', 'API key guidance');
  await writeEmail(
    app,
    SUBJECTS.credential_help,
    'Your setup is waiting for an API key. Create it under Settings → API keys, then paste it into the integration screen.\n\nFor',
    'Create your API key to keep the custom API setup moving',
    'trigger.integration_type',
  );
  // This connection is drawn with the mouse, from the output to the card.
  await canvas.connect('credential_help', 'next', 'wait_api_key_after_help');
  await canvas.select('credential_help');
  await expect(inspector.field('link-next')).toHaveValue('wait_api_key_after_help');

  // Domain verification.
  await canvas.select('wait_domain');
  await canvas.add('wait');
  await inspector.name('wait_test', 'Test event sent?');
  await waitFor(app, 'test_event_sent', 'third');
  await canvas.select('wait_domain');
  await canvas.add('email');
  await inspector.name('domain_help', 'Domain verification help');
  await writeEmail(
    app,
    SUBJECTS.domain_help,
    'The remaining step is domain verification. Add the DNS records shown in settings, then verify.\n\nFor',
    SUBJECTS.domain_help,
  );
  await canvas.add('wait');
  await inspector.name('wait_domain_after_help', 'Domain verified after help?');
  await waitFor(app, 'domain_verified', 'third');
  await inspector.link('happened', 'wait_test');

  // The test event, and the two ends.
  await canvas.select('wait_test');
  await canvas.add('exit');
  await inspector.name('setup_done', 'Setup tested');
  await inspector.fill('exit-reason', 'test_event_sent');
  await canvas.select('wait_test');
  await canvas.add('email');
  await inspector.name('test_prompt', 'Prompt a test event');
  await writeEmail(
    app,
    SUBJECTS.test_prompt,
    'The last step is a test: send one sample event with your API key.\n\nFor',
    'Send one test event to confirm your custom API connection',
  );
  await canvas.add('wait');
  await inspector.name('wait_test_after_prompt', 'Test event sent after prompt?');
  await waitFor(app, 'test_event_sent', 'third');
  await inspector.link('happened', 'setup_done');
  await canvas.add('track');
  await inspector.name('setup_abandoned', 'Record setup abandoned');
  await inspector.fill('track-event', 'setup_abandoned');
  await inspector.click('track-add-property');
  await inspector.fill('track-property-0-name', 'integration_type');
  await inspector.fill('track-property-0-value', '{{ trigger.integration_type | default: "unknown" }}');
  await canvas.add('exit');
  await inspector.name('abandoned_exit', 'Gave up');
  await inspector.fill('exit-reason', 'setup_abandoned');
  for (const wait of ['wait_api_key_after_help', 'wait_domain_after_help']) {
    await canvas.select(wait);
    await inspector.link('timed_out', 'setup_abandoned');
  }

  // Journey settings: leave on completion, at most 3 emails a day, a sender.
  await app.settings.open();
  await app.settings.addExitRule('sync_completed');
  await app.settings.addExitRule('integration_connected');
  await app.settings.frequencyCap(3, { amount: '24', unit: 'h' });
  await app.settings.field('settings-from').fill('DripAgent Setup <setup@example.com>');
  await expect(app.settings.field('variable-0-key-0')).toHaveValue('stripe');

  await page.getByTestId('auto-layout').click();
  // Seventeen steps do not fit at a readable size: the view shows the beginning (pan for the rest).
  await expect(canvas.node('start')).toBeInViewport();
  await app.editor.tab('problems');
  await expect(app.editor.problems()).toContainText('No problems');
  await page.screenshot({ path: testInfo.outputPath('drawn-journey.png') });
  await app.editor.waitSaved();

  const published = await app.editor.publish();
  await expect(published).toHaveText(/Published version 1/);
  await expect(app.journeys.status('integration-setup')).toHaveText('Live');
  await app.editor.tab('versions');
  await expect(page.getByTestId('version-1')).toBeVisible();

  const exported = await app.editor.export();
  expect(exported.fileName).toBe('integration-setup.json');
  const file = testInfo.outputPath('integration-setup.drawn.json');
  writeFileSync(file, exported.text);

  // The export is a valid journey file...
  const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'resources/schema/journey.schema.json'), 'utf8'));
  const validate = new Ajv2020({ strict: false }).compile(schema);
  const drawn = JSON.parse(exported.text);
  expect(validate(drawn), JSON.stringify(validate.errors)).toBe(true);

  // ...with the bundled journey's steps and connections...
  const bundled = Journey.parse(JSON.parse(readFileSync(BUNDLED, 'utf8')));
  const shape = (journey: Journey) => ({
    nodes: journey.nodes.map((node) => `${node.id}:${node.type}`).sort(),
    edges: journey.edges.map((edge) => `${edge.from}/${edge.output}->${edge.to}`).sort(),
  });
  expect(shape(Journey.parse(drawn))).toEqual(shape(bundled));

  // ...and the same outcomes for the same events.
  const events = testInfo.outputPath('setup-events.jsonl');
  writeFileSync(events, setupEvents());
  const expected = simulate(BUNDLED, events);
  expect(expected.split('\n').filter((line) => line.includes('"type":"email"')).length).toBeGreaterThan(8);
  expect(simulate(file, events)).toBe(expected);
});
