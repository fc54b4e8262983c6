import { callApi, postBatch, startIntegration } from './engine';
import { expect, test } from './fixtures';

/** A live journey whose only step calls a webhook no one answers (port 9 on this machine refuses). */
const PINGER = {
  formatVersion: 1,
  id: 'pinger',
  name: 'Pinger',
  nodes: [
    {
      id: 'start',
      type: 'trigger',
      position: { x: 0, y: 0 },
      config: { event: 'pinged', filters: [], eligibility: { match: 'all', rules: [] } },
    },
    { id: 'hook', type: 'webhook', position: { x: 0, y: 160 }, config: { url: 'http://127.0.0.1:9/hook', body: '{}' } },
    { id: 'done', type: 'exit', position: { x: 0, y: 320 }, config: {} },
  ],
  edges: [
    { id: 'e1', from: 'start', output: 'next', to: 'hook' },
    { id: 'e2', from: 'hook', output: 'next', to: 'done' },
  ],
};

test('a live journey counts the webhook calls that fail, in its header', async ({ app, server }) => {
  await callApi(server, 'journey.import', { text: JSON.stringify(PINGER) });
  await callApi(server, 'journey.publish', { id: 'pinger' });
  const now = new Date().toISOString();
  const sent = await postBatch(server, [
    { type: 'identify', userId: 'ann', timestamp: now, traits: { email: 'ann@example.com' } },
    { type: 'track', userId: 'ann', event: 'pinged', timestamp: now, properties: {} },
  ]);
  expect(sent.status).toBe(200);
  await app.open();
  await app.journeys.open('pinger');
  const pill = app.page.getByTestId('failing-webhooks');
  await expect(pill).toHaveText('1 webhook failing');
  // Drawn as a red pill in the editor itself (its styles came only with views visited before).
  expect(await pill.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
  for (const width of [1280, 1440]) {
    await app.page.setViewportSize({ width, height: 900 });
    await app.page.screenshot({ path: test.info().outputPath(`failing-webhooks-${width}.png`) });
  }
});

test('saving a scenario on a live journey leaves it at its version: scenarios are not unpublished changes', async ({
  app,
  server,
}) => {
  await callApi(server, 'journey.publish', { id: 'integration-setup' });
  await app.open();
  await app.journeys.open('integration-setup');
  await expect(app.page.getByTestId('latest-version')).toHaveText('v1');
  await app.simulator.open();
  await app.simulator.run('stalls-before-api-key');
  await app.simulator.save('Stalls, my copy', { asNew: true });
  await app.editor.waitSaved();
  await expect(app.page.getByTestId('latest-version')).toHaveText('v1');
});

test('an email with a variable that does not exist is refused at Publish, named in Problems', async ({ app }) => {
  await app.open();
  await app.journeys.open('integration-setup');
  await app.canvas.select('confirm');
  await app.email.open();
  await app.email.root.getByTestId('email-subject').fill('Need a hand connecting {{ integration_type }}?');
  await app.email.close();
  const result = await app.editor.publish();
  await expect(result).toContainText('Fix');
  await expect(app.editor.problems()).toContainText('{{ integration_type }} is not a variable');
  await expect(app.page.getByTestId('latest-version')).toHaveCount(0);
});

test('Problems says when stored events carry a value a variable map does not list', async ({ app, server }) => {
  await startIntegration(server, { userId: 'ann', email: 'ann@example.com', integration: 'zapier_custom' });
  await app.open();
  await app.journeys.open('integration-setup');
  await app.editor.tab('problems');
  await expect(app.editor.problems()).toContainText('zapier_custom');
});

test('a condition value field suggests the values seen in stored people', async ({ app, server }) => {
  const now = new Date().toISOString();
  const roles = ['engineer', 'engineer', 'founder'].map((role, i) => ({
    type: 'identify',
    userId: `p${i}`,
    timestamp: now,
    traits: { email: `p${i}@example.com`, role },
  }));
  expect((await postBatch(server, roles)).status).toBe(200);
  await app.open();
  await app.journeys.open('integration-setup');
  await app.canvas.select('known_error');
  await app.inspector.click('condition-add');
  await app.inspector.choose('condition-rule-1-kind', 'trait');
  await app.inspector.fill('condition-rule-1-trait', 'role');
  const value = app.inspector.field('condition-rule-1-value');
  const list = await value.getAttribute('list');
  expect(list).toBeTruthy();
  await expect(app.page.locator(`datalist[id="${list}"] option[value="engineer"]`)).toBeAttached();
  await expect(app.page.locator(`datalist[id="${list}"] option[value="founder"]`)).toBeAttached();
});
