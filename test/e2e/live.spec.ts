import { blockingViolations } from './axe';
import { callApi, SETUP_SUBJECT, startIntegration } from './engine';
import { expect, test } from './fixtures';
import { LivePage } from './pages/LivePage';
import { PeoplePage } from './pages/PeoplePage';

test('a live journey counts who waits at each step, and a step’s count or card lists the people there', async ({
  app,
  server,
}, testInfo) => {
  await app.open();
  await app.journeys.open('integration-setup');
  await expect(await app.editor.publish()).toHaveText(/Published version 1/);
  await startIntegration(server, { userId: 'ada', email: 'ada@example.com', name: 'Ada Lovelace' });

  const live = new LivePage(app.page);
  await expect(live.state()).toHaveText('Live');
  await expect(live.count('wait_api_key')).toHaveAttribute('data-count', '1');
  await expect(live.peopleButton()).toHaveText(/1 person in it/);
  await app.page.screenshot({ path: testInfo.outputPath('live-canvas.png') });

  await live.peopleButton().click();
  await expect(live.step('wait_api_key')).toContainText('1');
  await app.canvas.select('wait_api_key');
  await expect(live.person('ada')).toContainText('Ada Lovelace');
  await app.page.keyboard.press('Escape');
  await expect(live.panel).toHaveCount(0);

  await live.count('wait_api_key').click();
  await expect(live.person('ada')).toContainText('Ada Lovelace');
  await app.page.screenshot({ path: testInfo.outputPath('live-panel.png') });
  await live.person('ada').click();
  const people = new PeoplePage(app.page);
  await expect(people.name()).toHaveText('Ada Lovelace');
});

test('pausing a live journey shows it paused, also on its people, and resuming shows it live again', async ({
  app,
  server,
}, testInfo) => {
  await app.open();
  await app.journeys.open('integration-setup');
  await expect(app.page.getByTestId('live-controls')).toHaveCount(0);
  await expect(await app.editor.publish()).toHaveText(/Published version 1/);
  await startIntegration(server, { userId: 'ada', email: 'ada@example.com', name: 'Ada Lovelace' });
  const live = new LivePage(app.page);
  await expect(live.state()).toHaveText('Live');

  await live.pause();
  await expect(app.journeys.status('integration-setup')).toHaveText('Paused');
  await app.page.screenshot({ path: testInfo.outputPath('live-paused.png') });

  const people = new PeoplePage(app.page);
  await people.open();
  await people.openPerson('ada');
  const run = people.run('integration-setup');
  await expect(run.getByTestId('run-status')).toHaveText('Paused');
  await expect(run).toContainText('timers and emails wait until the journey is resumed');
  await app.page.screenshot({ path: testInfo.outputPath('person-paused.png') });

  await app.page.getByTestId('nav-journeys').click();
  await live.resume();
  await expect(app.journeys.status('integration-setup')).toHaveText('Live');
  await people.open();
  await people.openPerson('ada');
  await expect(people.run('integration-setup').getByTestId('run-status')).toHaveText('In progress');
});

test('a person’s timeline shows why they got the setup email: the entry, the decisions and the sent message', async ({
  app,
  server,
}, testInfo) => {
  await app.open();
  await app.journeys.open('integration-setup');
  await expect(await app.editor.publish()).toHaveText(/Published version 1/);
  await startIntegration(server, { userId: 'grace', email: 'grace@example.com', name: 'Grace Hopper' });
  await startIntegration(server, { userId: 'alan', email: 'alan@example.com' });

  const people = new PeoplePage(app.page);
  await people.open();
  await people.search('grace@');
  await expect(people.person('alan')).toHaveCount(0);
  await people.openPerson('grace');
  await expect(people.name()).toHaveText('Grace Hopper');

  const run = people.run('integration-setup');
  await expect(run).toHaveAttribute('data-status', 'active');
  await expect(run.getByTestId('run-now')).toContainText('Now at API key created?');
  await expect(people.answer('integration-setup', 'confirm')).toHaveAttribute('data-state', 'sent');
  await expect(people.answer('integration-setup', 'confirm')).toContainText(SETUP_SUBJECT);
  await expect(people.answer('integration-setup', 'credential_help')).toHaveAttribute('data-state', 'not-yet');

  await expect(people.decisions().filter({ hasText: 'Entered on Integration started' })).toHaveCount(1);
  await expect(people.decisions().filter({ hasText: `Sent email "${SETUP_SUBJECT}"` })).toHaveCount(1);
  await expect(people.decisions().filter({ hasText: 'Waiting up to 30 minutes' })).toHaveCount(1);
  const message = people.messages().filter({ hasText: SETUP_SUBJECT });
  await expect(message.getByTestId('delivery')).toHaveAttribute('data-status', 'sent');
  await app.page.screenshot({ path: testInfo.outputPath('person-timeline.png') });
  await people.timeline.getByTestId('timeline').scrollIntoViewIfNeeded();
  await app.page.screenshot({ path: testInfo.outputPath('person-timeline-history.png') });
});

test('the live panel and a person’s timeline have no serious accessibility violations', async ({ app, server }) => {
  await app.open();
  await app.journeys.open('integration-setup');
  await expect(await app.editor.publish()).toHaveText(/Published version 1/);
  await startIntegration(server, { userId: 'ada', email: 'ada@example.com' });
  const live = new LivePage(app.page);
  await expect(live.peopleButton()).toHaveText(/1 person/);
  await live.peopleButton().click();
  await expect(live.step('wait_api_key')).toBeVisible();
  expect(await blockingViolations(app.page, '[data-testid="live-controls"]'), 'live panel').toEqual([]);

  await live.step('wait_api_key').click();
  await live.person('ada').click();
  const people = new PeoplePage(app.page);
  await expect(people.answer('integration-setup', 'confirm')).toHaveAttribute('data-state', 'sent');
  expect(await blockingViolations(app.page, '[data-testid="people-view"]'), 'people').toEqual([]);
});

test('an email the mail server refuses shows as retrying, with its attempts and last error', async ({
  app,
  server,
}, testInfo) => {
  await callApi(server, 'mail.settings.save', { host: '127.0.0.1', port: 1, secure: false });
  await app.open();
  await app.journeys.open('integration-setup');
  await expect(await app.editor.publish()).toHaveText(/Published version 1/);
  await startIntegration(server, { userId: 'lin', email: 'lin@example.com' });

  const people = new PeoplePage(app.page);
  await people.open();
  await people.openPerson('lin');
  const confirm = people.answer('integration-setup', 'confirm');
  await expect(confirm).toHaveAttribute('data-state', 'pending');
  await expect(confirm.getByTestId('delivery')).toContainText(/Retrying · \d+ attempts?/);
  await expect(confirm.getByTestId('delivery')).toContainText('Last error: ESOCKET');
  await expect(confirm.getByTestId('delivery')).toContainText('ECONNREFUSED 127.0.0.1:1');
  await app.page.screenshot({ path: testInfo.outputPath('person-retrying.png') });
});
