import { startIntegration } from './engine';
import { expect, test } from './fixtures';

test('a new journey can start from an example journey as a template', async ({ app }) => {
  await app.open();
  await app.page.getByTestId('new-journey').click();
  await app.page.keyboard.type('Troubleshooting, our way');
  await app.page.getByTestId('start-from-setup-troubleshooting').check();
  await app.page.getByTestId('name-submit').click();
  await expect(app.journeyName()).toHaveText('Troubleshooting, our way');
  await expect(app.journeys.nodeCount('troubleshooting-our-way')).toHaveText('8 steps');
  await expect(app.canvas.node('troubleshoot')).toBeVisible();
});

test('a stored person is found by name for the email preview, which uses their own trigger; value fields suggest seen values with their category', async ({
  app,
  server,
}) => {
  for (const userId of ['ann', 'bea', 'cal', 'dan', 'eve', 'fay'])
    await startIntegration(server, { userId, email: `${userId}@example.com` });
  await startIntegration(server, {
    userId: 'zed',
    email: 'zed@example.com',
    name: 'Zed Quinn',
    integration: 'hubspot',
  });
  await app.open();
  await app.journeys.open('integration-setup');
  await app.canvas.select('credential_help');
  await app.page.getByTestId('edit-email').click();
  // The sample profile started a custom API integration.
  await expect(app.email.previewSubject()).toHaveText('Create your API key to keep the custom API setup moving');
  await app.email.root.getByTestId('preview-search').fill('quinn');
  await app.email.root.getByTestId('preview-person-zed').click();
  await expect(app.email.previewSubject()).toHaveText('Create your API key to keep the HubSpot setup moving');
  await app.email.close();

  await app.canvas.select('start');
  await app.inspector.click('trigger-filters-add');
  await app.inspector.fill('trigger-filters-0-property', 'integration_type');
  const offered = app.inspector.root.locator('datalist option[value="stripe"]');
  await expect(offered).toHaveAttribute('label', /6 events · category oauth/);
  await app.inspector.fill('trigger-filters-0-value', 'oauth');
  await expect(app.inspector.field('trigger-filters-0-value-meaning')).toContainText('category oauth');
});
