import { execFileSync } from 'node:child_process';
import { blockingViolations } from './axe';
import { postBatch } from './engine';
import { expect, REPO_ROOT, test } from './fixtures';
import { setupBatch } from './metrics-data';
import { MetricsPage } from './pages/MetricsPage';
import { ResultsPage } from './pages/ResultsPage';

const DAY = 86_400_000;

test('the Metrics view broken down by role downloads a CSV equal to `dripagent report funnel --csv`', async ({
  app,
  server,
}, testInfo) => {
  expect((await postBatch(server, setupBatch(24))).status).toBe(200);
  await app.open();
  const metrics = new MetricsPage(app.page);
  await metrics.open();
  await metrics.breakDownBy('role');
  // 24 users, roles in turn: 6 engineers, 6 marketers, 6 founders, 6 without a role.
  await expect(metrics.groupRows()).toHaveText(['(none)', 'engineer', 'founder', 'marketer']);
  await expect(metrics.root.getByTestId('chart-funnel')).toBeVisible();
  expect(await blockingViolations(app.page, '[data-testid="metrics-view"]'), 'metrics').toEqual([]);
  for (const width of [1440, 1280]) {
    await app.page.setViewportSize({ width, height: 900 });
    await app.page.screenshot({ path: testInfo.outputPath(`metrics-${width}.png`) });
  }
  // The whole view in one picture (it scrolls inside the window).
  await app.page.setViewportSize({ width: 1440, height: 2300 });
  await app.page.screenshot({ path: testInfo.outputPath('metrics-whole.png') });

  const csv = await metrics.downloadCsv('funnel-table');
  const period = await metrics.period();
  expect(csv.fileName).toBe(`funnel-${period.from}-to-${period.to}-by-role.csv`);
  const from = new Date(`${period.from}T00:00:00Z`).toISOString();
  const to = new Date(Date.parse(`${period.to}T00:00:00Z`) + DAY).toISOString();
  const cli = execFileSync(
    process.execPath,
    [
      'electron/bin/dripagent.mjs',
      'report',
      'funnel',
      '--data',
      server.dataDir,
      '--from',
      from,
      '--to',
      to,
      '--by',
      'role',
      '--csv',
    ],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
  expect(csv.text).toBe(cli);
  // The numbers themselves, by hand: of the 6 engineers (users 0, 4, 8, …, 20), none has an odd
  // number, so none connected; the 6 marketers (1, 5, …, 21) all did.
  const lines = csv.text.trim().split('\r\n');
  expect(lines.find((l) => l.startsWith('engineer,'))).toMatch(/^engineer,6,0,0,/);
  expect(lines.find((l) => l.startsWith('marketer,'))).toMatch(/^marketer,6,6,1,/);

  const events = await metrics.openEvents();
  await expect(events.getByTestId('events-table')).toContainText('integration_started');
  await expect(events.getByTestId('tracking-gap')).toContainText('none');
  expect(await blockingViolations(app.page, '[data-testid="events-view"]'), 'events').toEqual([]);
  for (const width of [1440, 1280]) {
    await app.page.setViewportSize({ width, height: 900 });
    await app.page.screenshot({ path: testInfo.outputPath(`events-${width}.png`) });
  }
});

test("a journey's Results panel compares the emails with the holdout", async ({ app, server }, testInfo) => {
  await app.open();
  await app.journeys.open('integration-setup');
  const results = new ResultsPage(app.page);
  await results.setGoalAndHoldout('integration_connected', '7', 50);
  await app.editor.waitSaved();
  await app.page.getByTestId('holdout-percent').scrollIntoViewIfNeeded();
  await app.page.screenshot({ path: testInfo.outputPath('goal-settings.png') });
  await expect(await app.editor.publish()).toHaveText(/Published version 1/);
  expect((await postBatch(server, setupBatch(80))).status).toBe(200);

  await results.open();
  await expect(app.page.getByTestId('results-totals')).toContainText('80');
  await expect(results.reached('start')).toHaveAttribute('data-count', '80');
  const comparison = results.holdout();
  await expect(comparison).toBeVisible();
  await expect(comparison.getByTestId('holdout-comparison-sentence')).toHaveText(
    /^(Users who got these emails|No clear difference yet: users who got these emails) connected \d+ points? (more|less) often \(95% CI −?\d+ to −?\d+\)\.$|^Users who got these emails connected as often/,
  );
  expect(await blockingViolations(app.page, '[data-testid="results-panel"]'), 'results').toEqual([]);
  for (const width of [1440, 1280]) {
    await app.page.setViewportSize({ width, height: 900 });
    await app.page.screenshot({ path: testInfo.outputPath(`results-${width}.png`) });
  }
});
