import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeNodeBrief, nodeTitle } from '../../renderer/src/model/describe';
import { nodeOutputs } from '../../shared/journey/outputs';
import { Journey } from '../../shared/journey/schema';
import { expect, REPO_ROOT, test } from './fixtures';

/** A bundled example journey, read the way the app reads it (defaults filled in). */
function bundledJourney(id: string): Journey {
  return Journey.parse(JSON.parse(readFileSync(join(REPO_ROOT, 'resources/journeys', `${id}.json`), 'utf8')));
}

const example = bundledJourney('integration-setup');

test('the example journey is listed with its status and number of steps', async ({ app }) => {
  await app.open();
  await expect(app.journeys.item(example.id)).toContainText(example.name);
  await expect(app.journeys.status(example.id)).toHaveText(/draft|live|paused/i);
  await expect(app.journeys.nodeCount(example.id)).toHaveText(`${example.nodes.length} steps`);
});

test('the canvas shows every node of the example journey at its stored place, with its title and summary', async ({
  app,
}, testInfo) => {
  await app.open();
  await app.journeys.open(example.id);
  await expect(app.journeyName()).toHaveText(example.name);
  await expect(app.canvas.nodes()).toHaveCount(example.nodes.length);
  await app.page.screenshot({ path: testInfo.outputPath('integration-setup-opening-view.png') });
  // Stored positions are used as they are: no layout on opening.
  for (const node of example.nodes.slice(0, 3)) expect(await app.canvas.position(node.id)).toEqual(node.position);

  for (const node of example.nodes) {
    const card = app.canvas.node(node.id);
    await expect(card).toBeVisible();
    await expect(card).toContainText(nodeTitle(node));
    await expect(card).toContainText(describeNodeBrief(node, example));
  }

  // Fit keeps the cards readable: the journey's beginning in view, the rest a pan away.
  await app.canvas.fitView();
  await expect.poll(() => app.canvas.isOnScreen('start')).toBe(true);
  await expect.poll(() => app.canvas.zoom()).toBeGreaterThanOrEqual(0.8);
  const last = example.nodes.at(-1)?.id ?? '';
  await app.canvas.bringIntoView([last]);
  expect(await app.canvas.isOnScreen(last)).toBe(true);
  await app.page.screenshot({ path: testInfo.outputPath('integration-setup-canvas.png') });
});

test('branching nodes label each of their outputs', async ({ app }) => {
  await app.open();
  await app.journeys.open(example.id);
  const branching = example.nodes.filter((node) => nodeOutputs(node).length > 1);
  expect(branching.length).toBeGreaterThan(0);
  for (const node of branching) {
    for (const output of nodeOutputs(node)) {
      await expect(app.canvas.output(node.id, output.id)).toHaveText(output.label);
    }
  }
});

test('choosing another journey shows its canvas instead', async ({ app }) => {
  const otherId = readdirSync(join(REPO_ROOT, 'resources/journeys'))
    .map((file) => file.replace(/\.json$/, ''))
    .find((id) => id !== example.id);
  test.skip(!otherId, 'only one journey is bundled');
  const other = bundledJourney(otherId ?? '');
  await app.open();
  await app.journeys.open(other.id);
  await expect(app.journeyName()).toHaveText(other.name);
  await expect(app.canvas.nodes()).toHaveCount(other.nodes.length);
  for (const node of other.nodes) await expect(app.canvas.node(node.id)).toBeVisible();
  await expect(app.journeys.item(other.id)).toHaveAttribute('aria-current', 'page');
});
