import { blockingViolations } from './axe';
import { callApi, SETUP_SUBJECT, startIntegration } from './engine';
import { expect, test } from './fixtures';
import { InboxPage } from './pages/InboxPage';

test('an email from the live seed journey shows in the inbox as the recipient sees it, with its unsubscribe headers', async ({
  app,
  server,
}, testInfo) => {
  await app.open();
  await app.journeys.open('integration-setup');
  await expect(await app.editor.publish()).toHaveText(/Published version 1/);
  await startIntegration(server, { userId: 'ada', email: 'ada@example.com', name: 'Ada' });

  const inbox = new InboxPage(app.page);
  await inbox.open();
  await expect(inbox.item(SETUP_SUBJECT)).toContainText('ada@example.com');
  await inbox.openMessage(SETUP_SUBJECT);
  await expect(inbox.field('from')).toContainText('setup@example.com');
  await expect(inbox.field('to')).toHaveText('ada@example.com');
  await expect(inbox.htmlFrame()).toHaveAttribute('sandbox', '');
  await expect(inbox.html().locator('body')).toContainText("You've started the Stripe setup for your workspace");
  await expect(inbox.html().getByRole('link', { name: 'Unsubscribe' })).toHaveAttribute('href', /\/u\//);
  await app.page.screenshot({ path: testInfo.outputPath('inbox-email.png') });

  await inbox.tab('text');
  await expect(inbox.text()).toContainText('Unsubscribe: http');

  await inbox.tab('headers');
  await expect(inbox.header('message-id')).toContainText(/<[0-9a-f]+@example\.com>/);
  await expect(inbox.header('list-unsubscribe')).toContainText(`${server.url}/u/`);
  await expect(inbox.header('list-unsubscribe-post')).toContainText('List-Unsubscribe=One-Click');
  await app.page.screenshot({ path: testInfo.outputPath('inbox-headers.png') });
});

test('an empty inbox explains how mail gets there, and clearing it asks first', async ({ app, server }, testInfo) => {
  await app.open();
  const inbox = new InboxPage(app.page);
  await inbox.open();
  await expect(inbox.empty()).toContainText('No emails yet');
  await app.page.screenshot({ path: testInfo.outputPath('inbox-empty.png') });

  await app.page.getByTestId('nav-journeys').click();
  await app.journeys.open('integration-setup');
  await expect(await app.editor.publish()).toHaveText(/Published version 1/);
  await startIntegration(server, { userId: 'bo', email: 'bo@example.com' });
  await inbox.open();
  await expect(inbox.items()).toHaveCount(1);

  await inbox.clear(false);
  await expect(inbox.items()).toHaveCount(1);
  await inbox.clear(true);
  await expect(inbox.empty()).toBeVisible();
  await expect(inbox.items()).toHaveCount(0);
});

test('the inbox, with an email open, has no serious accessibility violations', async ({ app, server }) => {
  await app.open();
  await app.journeys.open('integration-setup');
  await expect(await app.editor.publish()).toHaveText(/Published version 1/);
  await startIntegration(server, { userId: 'cy', email: 'cy@example.com' });
  const inbox = new InboxPage(app.page);
  await inbox.open();
  await inbox.openMessage(SETUP_SUBJECT);
  expect(await blockingViolations(app.page, '[data-testid="inbox-view"]'), 'email').toEqual([]);
  await inbox.tab('headers');
  await app.page.getByText(/All \d+ headers/).click();
  expect(await blockingViolations(app.page, '[data-testid="inbox-view"]'), 'headers').toEqual([]);
});

test('each email shows its journey, step and person, and the inbox finds emails by words, journey and person', async ({
  app,
  server,
}, testInfo) => {
  await callApi(server, 'journey.publish', { id: 'integration-setup' });
  await startIntegration(server, { userId: 'ada', email: 'ada@example.com' });
  await startIntegration(server, { userId: 'bo', email: 'bo@example.com' });
  await app.open();
  const inbox = new InboxPage(app.page);
  await inbox.open();
  await expect(inbox.items()).toHaveCount(2);
  await expect(inbox.items().first().getByTestId('inbox-row-origin')).toHaveText(
    /^Integration setup · Confirm the steps · (ada|bo)$/,
  );

  await inbox.find({ userId: 'bo' });
  await expect(inbox.items()).toHaveCount(1);
  await expect(inbox.items()).toContainText('bo@example.com');
  await inbox.find({ userId: '', search: 'ada@' });
  await expect(inbox.items()).toHaveCount(1);
  await expect(inbox.items()).toContainText('ada@example.com');
  for (const width of [1280, 1440]) {
    await app.page.setViewportSize({ width, height: 900 });
    await app.page.screenshot({ path: testInfo.outputPath(`inbox-found-${width}.png`) });
  }

  await inbox.find({ search: '', journeyId: 'setup-troubleshooting' });
  await expect(inbox.root.getByTestId('inbox-no-match')).toBeVisible();
  await inbox.root.getByTestId('inbox-clear-filters').click();
  await expect(inbox.items()).toHaveCount(2);
});
