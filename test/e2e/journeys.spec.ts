import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callApi, startIntegration } from './engine';
import { expect, REPO_ROOT, test } from './fixtures';
import { AppPage } from './pages/AppPage';

const bundledText = readFileSync(join(REPO_ROOT, 'resources/journeys/integration-setup.json'), 'utf8');

test('a new journey starts empty, as a draft, and can be renamed', async ({ app }) => {
  await app.open();
  await app.journeys.create('Trial ending');
  await expect(app.journeys.status('trial-ending')).toHaveText('Draft');
  await expect(app.canvas.nodes()).toHaveCount(0);
  await app.journeys.rename('trial-ending', 'Trial ends soon');
  await expect(app.journeys.item('trial-ending')).toContainText('Trial ends soon');
  await expect(app.journeyName()).toHaveText('Trial ends soon');
});

test('an edit saved in one window shows in another, and the window that saved fetches nothing back', async ({
  app,
  context,
}) => {
  await app.open();
  await app.journeys.open('setup-troubleshooting');
  const other = new AppPage(await context.newPage());
  await other.open();
  await other.journeys.open('setup-troubleshooting');
  const fetched: string[] = [];
  app.page.on('request', (request) => {
    const name = new URL(request.url()).pathname.replace('/api/', '');
    if (name === 'journey.list' || name === 'journey.get') fetched.push(name);
  });

  await app.canvas.add('delay');
  await app.editor.waitSaved();
  // The push reached the other window: it fetched the journey and draws the new step.
  await expect(other.journeys.nodeCount('setup-troubleshooting')).toHaveText('9 steps');
  await expect(other.canvas.node('delay_1')).toBeVisible();
  expect(fetched).toEqual([]);
});

test('a journey can be duplicated, and deleted after confirming', async ({ app }) => {
  await app.open();
  await app.journeys.duplicate('integration-setup');
  await expect(app.journeys.item('integration-setup-copy')).toContainText('Integration setup (copy)');
  await expect(app.journeys.nodeCount('integration-setup-copy')).toHaveText('17 steps');
  await app.journeys.delete('integration-setup-copy');
  await expect(app.journeys.items()).toHaveCount(2);
});

test('deleting a live journey says how many people are in it, and they leave it', async ({ app, server }) => {
  await callApi(server, 'journey.publish', { id: 'integration-setup' });
  for (const userId of ['ann', 'bob']) await startIntegration(server, { userId, email: `${userId}@example.com` });
  await app.open();
  const dialog = await app.journeys.askToDelete('integration-setup');
  await expect(dialog.getByTestId('delete-people')).toContainText('2 people are in it now.');
  await expect(dialog.getByTestId('confirm-delete')).toHaveText('Delete and end 2 runs');
  await app.journeys.confirmDelete('integration-setup');
  await expect(app.page.getByTestId('list-message')).toHaveText('Deleted “Integration setup”. 2 people left it.');
  const trace = await callApi<{ runs: { endReason: string | null }[] }>(server, 'user.trace', { userId: 'ann' });
  expect(trace.runs.map((run) => run.endReason)).toEqual(['journey_deleted']);
});

test('importing a broken file shows the validator’s errors and saves nothing', async ({ app, server }) => {
  await app.open();
  const broken = JSON.parse(bundledText);
  broken.id = 'broken-import';
  broken.nodes = broken.nodes.filter((node: { type: string }) => node.type !== 'trigger');
  broken.nodes[0].config.template = 'nowhere';
  await app.journeys.import('broken.json', JSON.stringify(broken));
  const problems = app.journeys.importProblems();
  await expect(problems).toContainText('The journey has no trigger');
  await expect(problems).toContainText('"nowhere" is missing');
  await app.page.getByTestId('import-problems').getByRole('button', { name: 'Close' }).first().click();
  await expect(app.journeys.items()).toHaveCount(2);
  const stored = await callApi(server, 'journey.list');
  expect(JSON.stringify(stored)).not.toContain('broken-import');

  await app.journeys.import('not-json.json', '{\n  "formatVersion": 1,\n  nope');
  await expect(problems).toContainText('not valid JSON: Unexpected "n" at line 3, column 3');
});

test('an exported journey imports back as the same file', async ({ app }) => {
  await app.open();
  await app.journeys.open('integration-setup');
  const first = await app.editor.export();
  const copy = first.text.replace('"id": "integration-setup"', '"id": "setup-again"');
  await app.journeys.import('setup-again.json', copy);
  await expect(app.journeys.item('setup-again')).toBeVisible();
  await app.journeys.open('setup-again');
  const second = await app.editor.export();
  expect(second.text).toBe(copy);
});

test('publishing makes a version, and the versions list shows what changed since', async ({ app }) => {
  await app.open();
  await app.journeys.open('integration-setup');
  await expect(await app.editor.publish()).toHaveText(/Published version 1/);
  await expect(app.journeys.status('integration-setup')).toHaveText('Live');
  await app.canvas.select('confirm');
  await app.inspector.setTitle('Confirm the three steps');
  await app.settings.open();
  await app.settings.field('settings-lateness-amount').fill('2');
  await app.editor.waitSaved();
  // Publish reviews first: who can enter, the first emails and when, what changed since the live version.
  await app.page.getByTestId('publish').click();
  const review = app.editor.review();
  await expect(review.getByTestId('review-entry')).toContainText('Integration started');
  await expect(review.getByTestId('review-email-confirm')).toContainText('Finish connecting your data source');
  await expect(review.getByTestId('review-changes')).toContainText('Confirm the three steps');
  await review.getByTestId('publish-confirm').click();
  await expect(app.page.getByTestId('publish-result')).toHaveText(/Published version 2/);
  await app.editor.tab('versions');
  await app.page.getByTestId('compare-from').selectOption('1');
  await app.page.getByTestId('compare-to').selectOption('2');
  const changes = app.page.getByTestId('changes');
  await expect(changes).toContainText('Confirm the three steps');
  await expect(changes).toContainText('Maximum lateness');
  await expect(changes).toContainText('6h → 2h');
});
