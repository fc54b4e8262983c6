import { spawnSync } from 'node:child_process';
import { writeHistory } from '../backtest/fixtures';
import { blockingViolations } from './axe';
import { callApi } from './engine';
import { expect, REPO_ROOT, test } from './fixtures';

const DAY = 86_400_000;

test('a pinned scenario fails when a wait changes on the canvas, and the card where it now differs is marked', async ({
  app,
}) => {
  const { page, simulator, canvas, inspector } = app;
  await app.open();
  await app.journeys.open('integration-setup');
  await simulator.open();
  // A new scenario: the user starts an integration 5 minutes in and does nothing more.
  await page.getByTestId('new-scenario').click();
  await simulator.root.getByTestId('scenario-name').fill('Starts and stalls');
  await expect(simulator.expectations()).toHaveAttribute('data-status', 'none');
  await simulator.pinOutcome();
  await expect(simulator.root.getByTestId('scenario-status')).toHaveText(/Saved with the journey/);
  await expect(simulator.check('starts-and-stalls')).toHaveAttribute('data-status', 'pass');

  // The API-key wait for API integrations goes from 2 hours to 3.
  await page.getByTestId('tab-step').click();
  // The simulated path ends far below it: bring it into view first.
  await canvas.select('wait_api_key');
  await inspector.fill('wait-timeout-api-amount', '3');

  await expect(canvas.node('credential_help').getByTestId('expect-mark-credential_help')).toBeVisible();
  await expect(canvas.node('confirm').getByTestId('expect-mark-confirm')).toHaveCount(0);
  await simulator.open();
  await expect(simulator.check('starts-and-stalls')).toHaveAttribute('data-status', 'fail');
  await expect(simulator.check('oauth-stalls')).toHaveAttribute('data-status', 'pass');
  await expect(simulator.expectations()).toHaveAttribute('data-status', 'fail');
  await expect(simulator.expectations().getByTestId('expectation-difference')).toHaveText([
    'expected credential_help at +2h05m, got +3h05m',
  ]);
  expect(await blockingViolations(page, '[data-testid="scenario-expectations"]')).toEqual([]);
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`scenario-fails-${width}.png`) });
  }
});

test('a backtest of imported history draws its counts on the canvas and the goal conversions, as the API counts them', async ({
  app,
  server,
}) => {
  // Three weeks of history up to now, imported from a file as a founder would.
  const file = test.info().outputPath('history.jsonl');
  writeHistory(file, 2_000, Date.now() - 21 * DAY, 21 * DAY, 11);
  const imported = spawnSync(
    process.execPath,
    ['electron/bin/dripagent.mjs', 'import', file, '--data', server.dataDir],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    },
  );
  expect(imported.status, imported.stderr).toBe(0);
  // A goal, so that the backtest counts its conversions too.
  const stored = await callApi<{ journey: { settings: Record<string, unknown> } }>(server, 'journey.get', {
    id: 'integration-setup',
  });
  const settings = { ...stored.journey.settings, goal: { event: 'integration_connected', within: '7d' } };
  await callApi(server, 'journey.save', { journey: { ...stored.journey, settings } });

  const { page, backtest } = app;
  await app.open();
  await app.journeys.open('integration-setup');
  await backtest.run(30);

  // The same backtest through the API: the panel shows exactly its counts.
  const draft = await callApi<{ journey: unknown }>(server, 'journey.get', { id: 'integration-setup' });
  const from = await backtest.panel.getByTestId('backtest-from').inputValue();
  const to = await backtest.panel.getByTestId('backtest-to').inputValue();
  const answer = await callApi<{
    draft: {
      by_node: { nodeId: string; type: string; count: number }[];
      edges: { edgeId: string; count: number }[];
      goal: { entered: number; converted: number };
    };
  }>(server, 'backtest.run', {
    jobId: 'e2e',
    journey: draft.journey,
    from: Date.parse(`${from}T00:00:00Z`),
    to: Date.parse(`${to}T00:00:00Z`) + DAY,
  });
  const sent = answer.draft.by_node.find((c) => c.nodeId === 'confirm' && c.type === 'email')?.count ?? 0;
  const timedOut = answer.draft.edges.find((e) => e.edgeId === 'wait_api_key-timed_out-known_error')?.count ?? 0;
  expect(sent).toBeGreaterThan(50);
  await expect(backtest.nodeCount('confirm')).toHaveAttribute('data-count', String(sent));
  await expect(backtest.nodeCount('confirm')).toContainText(`${sent.toLocaleString('en-US')} sent`);
  await expect(backtest.outputCount('wait_api_key', 'timed_out')).toHaveAttribute('data-count', String(timedOut));
  await expect(backtest.edgeCount('confirm-next-wait_api_key')).toHaveAttribute('data-count', String(sent));
  await expect(backtest.results().getByTestId('backtest-chart')).toBeVisible();
  await expect(backtest.results().getByTestId('backtest-emails')).not.toHaveText('0');
  const { entered, converted } = answer.draft.goal;
  expect(entered).toBeGreaterThan(0);
  await expect(backtest.results().getByTestId('backtest-goal-headline')).toContainText(
    `${converted.toLocaleString('en-US')} of ${entered.toLocaleString('en-US')} entries`,
  );
  expect(await blockingViolations(page, '[data-testid="backtest-panel"]')).toEqual([]);

  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`backtest-panel-${width}.png`) });
  }
  await backtest.fold();
  await expect(backtest.nodeCount('confirm')).toBeVisible();
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`backtest-canvas-${width}.png`) });
  }
});
