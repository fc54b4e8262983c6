import { callApi, startIntegration } from './engine';
import { expect, test } from './fixtures';
import type { AppPage } from './pages/AppPage';

/** True when the element shows all of its text (nothing cut with an ellipsis). */
const showsWholeText = (app: AppPage, testId: string) =>
  app.page.getByTestId(testId).evaluate((element) => element.scrollWidth <= element.clientWidth);

for (const width of [1280, 1440]) {
  test(`the header of a live journey shows its whole name and status at ${width} px, and a notice stays with its journey`, async ({
    app,
    server,
  }) => {
    await app.page.setViewportSize({ width, height: 900 });
    await callApi(server, 'journey.publish', { id: 'integration-setup' });
    await startIntegration(server, { userId: 'ann', email: 'ann@example.com' });
    await app.open();
    await app.journeys.open('integration-setup');
    await expect(app.page.getByTestId('live-people')).toHaveText(/1 person in it/);
    expect(await showsWholeText(app, 'journey-name')).toBe(true);
    await expect(app.editor.saveState()).toHaveText('All changes saved');
    expect(await app.editor.saveState().evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await expect(await app.editor.publish()).toHaveText(/Published version 2/);
    await app.journeys.open('setup-troubleshooting');
    await expect(app.page.getByTestId('publish-result')).toHaveCount(0);
  });
}

test('the new-journey dialog takes the name as typed, and Enter creates it', async ({ app }) => {
  await app.open();
  await app.page.getByTestId('new-journey').click();
  await expect(app.page.getByTestId('name-input')).toBeFocused();
  await app.page.keyboard.type('Trial ending');
  await app.page.keyboard.press('Enter');
  await expect(app.journeyName()).toHaveText('Trial ending');
});

test('simulating brings the path into view with its last step clear of the overview, and fit stays readable', async ({
  app,
}) => {
  await app.page.setViewportSize({ width: 1280, height: 900 });
  await app.open();
  await app.journeys.open('integration-setup');
  await app.simulator.open();
  await app.simulator.run('stalls-before-api-key');
  const current = await app.page.locator('.node-card[data-sim="current"]').getAttribute('data-testid');
  expect(await app.canvas.isOnScreen(current?.replace('node-', '') ?? '')).toBe(true);

  await app.canvas.fitView();
  // Fitting flies to the view (zooming out on the way): what counts is where it lands.
  await expect.poll(() => app.canvas.isOnScreen('start')).toBe(true);
  await expect.poll(() => app.canvas.zoom()).toBeGreaterThanOrEqual(0.8);
  // Wherever the overview is, no card is under it.
  expect(await app.canvas.minimapCoversACard()).toBe(false);
  // The overview folds and unfolds on demand.
  const minimap = app.canvas.root.locator('.react-flow__minimap');
  const shown = await minimap.count();
  await app.page.getByTestId('toggle-minimap').click();
  await expect(minimap).toHaveCount(1 - shown);
  await app.page.getByTestId('toggle-minimap').click();
  await expect(minimap).toHaveCount(shown);
});
