import { expect, signIn, test } from './fixtures';
import { AppPage } from './pages/AppPage';

/** A new, empty journey open in the editor. */
async function emptyJourney(app: AppPage, name = 'Scratch'): Promise<void> {
  await app.open();
  await app.journeys.create(name);
  await expect(app.page.getByTestId('canvas-empty')).toBeVisible();
}

test('undo and redo walk back and forth through add, connect, move and delete, one step each', async ({ app }) => {
  await emptyJourney(app);
  const { canvas, editor, page } = app;

  await canvas.add('trigger');
  await expect(canvas.node('trigger_1')).toBeVisible();
  await canvas.dragFromPalette('exit', { x: 420, y: 520 });
  await expect(canvas.node('exit_1')).toBeVisible();
  await canvas.connect('trigger_1', 'next', 'exit_1');
  await expect(canvas.edges()).toHaveCount(1);
  const before = await canvas.position('exit_1');
  await canvas.move('exit_1', { x: 60, y: 80 });
  const after = await canvas.position('exit_1');
  expect(after).not.toEqual(before);
  await canvas.node('exit_1').click();
  await page.keyboard.press('Delete');
  await expect(canvas.node('exit_1')).toHaveCount(0);
  await expect(canvas.edges()).toHaveCount(0);

  // Back: delete, move, connect, add (the drag is a single step).
  await editor.undo();
  await expect(canvas.node('exit_1')).toBeVisible();
  await expect(canvas.edges()).toHaveCount(1);
  expect(await canvas.position('exit_1')).toEqual(after);
  await page.keyboard.press('Control+z');
  await expect.poll(() => canvas.position('exit_1')).toEqual(before);
  await editor.undo();
  await expect(canvas.edges()).toHaveCount(0);
  await editor.undo();
  await expect(canvas.node('exit_1')).toHaveCount(0);
  await expect(canvas.node('trigger_1')).toBeVisible();

  // And forward again.
  await editor.redo();
  await expect(canvas.node('exit_1')).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(canvas.edges()).toHaveCount(1);
  await editor.redo();
  await expect.poll(() => canvas.position('exit_1')).toEqual(after);
  await editor.redo();
  await expect(canvas.node('exit_1')).toHaveCount(0);
  await expect(page.getByTestId('redo')).toBeDisabled();
});

test('a step clicked in the palette follows the selected step, connected to its first free output', async ({ app }) => {
  await emptyJourney(app);
  await app.canvas.add('trigger');
  await app.canvas.add('wait');
  await app.canvas.add('email');
  await expect(app.canvas.edges()).toHaveCount(2);
  await app.canvas.select('wait_1');
  await app.canvas.add('exit');
  await expect(app.inspector.root).toHaveAttribute('data-node-id', 'exit_1');
  await app.canvas.select('wait_1');
  await expect(app.inspector.field('link-happened')).toHaveValue('email_1');
  await expect(app.inspector.field('link-timed_out')).toHaveValue('exit_1');
});

test('a step can be inserted into a connection with its "+"', async ({ app }) => {
  await emptyJourney(app);
  await app.canvas.add('trigger');
  await app.canvas.add('exit');
  await app.canvas.insertOn('trigger_1-next-exit_1', 'delay');
  await expect(app.canvas.node('delay_1')).toBeVisible();
  await expect(app.canvas.edges()).toHaveCount(2);
  await app.canvas.select('trigger_1');
  await expect(app.inspector.field('link-next')).toHaveValue('delay_1');
  await app.canvas.select('delay_1');
  await expect(app.inspector.field('link-next')).toHaveValue('exit_1');
});

test('copied steps paste into the same journey and into another one', async ({ app }) => {
  await app.open();
  await app.journeys.open('integration-setup');
  await app.canvas.select('known_error');
  await app.canvas.node('credential_help').click({ modifiers: ['Shift'] });
  await expect(app.inspector.root).toContainText('2 steps selected');
  await app.page.keyboard.press('Control+c');
  await app.page.keyboard.press('Control+v');
  await expect(app.canvas.node('known_error_2')).toBeVisible();
  await expect(app.canvas.node('credential_help_2')).toBeVisible();

  await app.journeys.open('setup-troubleshooting');
  await app.page.keyboard.press('Control+v');
  await expect(app.canvas.node('credential_help')).toBeVisible();
  await app.canvas.select('credential_help');
  await app.page.getByTestId('edit-email').click();
  await expect(app.email.root.getByTestId('email-subject')).toHaveValue(/Create your API key/);
});

test('tidy up lays the journey out in one undoable step', async ({ app }) => {
  await app.open();
  await app.journeys.open('integration-setup');
  // The example is tidy already: move a step out of place first.
  await app.canvas.move('known_error', { x: 160, y: 40 });
  const before = await app.canvas.position('known_error');
  await app.page.getByTestId('auto-layout').click();
  await expect.poll(() => app.canvas.position('known_error')).not.toEqual(before);
  await app.editor.undo();
  await expect.poll(() => app.canvas.position('known_error')).toEqual(before);
});

test('drafts are saved as you edit and are still there after a reload', async ({ app }) => {
  await emptyJourney(app, 'Autosaved');
  await app.canvas.add('trigger');
  await app.inspector.fill('trigger-event', 'integration_started');
  await app.inspector.name('start', 'Integration started');
  await app.editor.waitSaved();
  await app.page.reload();
  await expect(app.page.locator('html')).toHaveAttribute('data-app-ready', 'true');
  await app.journeys.open('autosaved');
  await expect(app.canvas.node('start')).toContainText('When Integration started');
});

test('a draft with an unfinished step is saved on the host: another browser sees the same steps and problems', async ({
  app,
  browser,
  server,
}) => {
  await emptyJourney(app, 'Unfinished');
  await app.canvas.add('trigger');
  await app.editor.waitSaved();
  await expect(app.editor.saveState()).toHaveText('All changes saved');
  await expect(app.canvas.badge('trigger_1')).toHaveText('1');

  // Another browser (its own storage): the same draft from the host, with the same problem.
  const elsewhere = await browser.newContext({ baseURL: server.url });
  await signIn(elsewhere, server);
  const other = new AppPage(await elsewhere.newPage());
  await other.open();
  await other.journeys.open('unfinished');
  await expect(other.journeys.nodeCount('unfinished')).toHaveText('1 step');
  await expect(other.canvas.node('trigger_1')).toBeVisible();
  await expect(other.canvas.badge('trigger_1')).toHaveText('1');
  await other.canvas.select('trigger_1');
  await expect(other.page.getByTestId('inspector')).toContainText('Choose an event.');
  await expect(other.editor.saveState()).toHaveText('All changes saved');
  await elsewhere.close();
});

test('the keyboard shortcuts are listed in a help sheet', async ({ app }) => {
  await app.open();
  await app.journeys.open('integration-setup');
  await app.page.keyboard.press('?');
  const sheet = app.page.getByTestId('shortcuts');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Undo');
  await app.page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});

test('problems are listed live, clicking one selects its step, and publishing waits for none', async ({ app }) => {
  await app.open();
  await app.journeys.open('integration-setup');
  await expect(app.canvas.badge('wait_api_key')).toHaveCount(0);
  await app.canvas.select('wait_api_key');
  await app.inspector.fill('wait-event', '');
  await expect(app.canvas.badge('wait_api_key')).toBeVisible();
  const result = await app.editor.publish();
  await expect(result).toContainText('Fix');
  await expect(app.editor.problems()).toBeVisible();
  await app.page.getByTestId('problem-wait_api_key').first().click();
  await expect(app.inspector.root).toHaveAttribute('data-node-id', 'wait_api_key');
  await app.inspector.fill('wait-event', 'api_key_created');
  await expect(app.canvas.badge('wait_api_key')).toHaveCount(0);
});
