import { callApi } from './engine';
import { expect, test } from './fixtures';

interface StoredJourney {
  summary: { status: string };
  journey: { nodes: { id: string; type: string }[]; edges: { from: string; output: string; to: string }[] };
}

test('the “if it did not happen, send…” journey takes at most 12 clicks and no drag, publishing included', async ({
  app,
  server,
}) => {
  const { page } = app;
  await app.open();
  // Real presses of the mouse, and drags, as the page sees them.
  await page.evaluate(() => {
    const counts = { presses: 0, drags: 0 };
    Object.assign(window, { counts });
    document.addEventListener('pointerdown', () => counts.presses++, true);
    document.addEventListener('dragstart', () => counts.drags++, true);
  });

  await page.getByTestId('new-journey').click();
  await expect(page.getByTestId('name-input')).toBeFocused();
  await page.keyboard.type('Nudge after a stalled start');
  await page.keyboard.press('Enter');
  await expect(app.journeyName()).toHaveText('Nudge after a stalled start');
  await page.getByTestId('palette-trigger').click();
  await page.getByTestId('trigger-event').click();
  await page.keyboard.type('integration_started');
  await page.getByTestId('add-after-trigger_1-next').click();
  await page.getByTestId('insert-wait').click();
  await page.getByTestId('wait-event').click();
  await page.keyboard.type('api_key_created');
  await page.getByTestId('add-after-wait_1-timed_out').click();
  await page.getByTestId('insert-email').click();
  await page.getByTestId('edit-email').click();
  // The email editor opens with the subject ready for typing.
  await expect(page.getByTestId('email-subject')).toBeFocused();
  await page.keyboard.type('Need a hand with your API key?');
  await page.getByTestId('email-body').click();
  await page.keyboard.type('Reply to this email and we will set it up with you.');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('email-editor')).toBeHidden();
  await page.getByTestId('publish').click();
  await page.getByTestId('publish-confirm').click();
  await expect(page.getByTestId('publish-result')).toHaveText(/Published version 1/);

  const counts = await page.evaluate(
    () => (window as unknown as { counts: { presses: number; drags: number } }).counts,
  );
  expect(counts.drags).toBe(0);
  expect(counts.presses).toBeLessThanOrEqual(12);
  const stored = await callApi<StoredJourney>(server, 'journey.get', { id: 'nudge-after-a-stalled-start' });
  expect(stored.summary.status).toBe('live');
  expect(stored.journey.nodes.map((node) => node.type)).toEqual(['trigger', 'wait', 'email']);
  expect(stored.journey.edges).toEqual([
    expect.objectContaining({ from: 'trigger_1', output: 'next', to: 'wait_1' }),
    expect.objectContaining({ from: 'wait_1', output: 'timed_out', to: 'email_1' }),
  ]);
});

test('a clicked connection can take a new step or be deleted from the side panel', async ({ app }) => {
  await app.open();
  await app.journeys.open('setup-troubleshooting');
  await app.canvas.clickEdge('troubleshoot-next-by_role');
  await expect(app.inspector.root).toHaveAttribute('data-edge-id', 'troubleshoot-next-by_role');
  await expect(app.inspector.field('connection-words')).toHaveText(
    'From Error-specific help, on to Who is setting up?.',
  );
  await app.inspector.click('connection-insert-delay');
  await expect(app.inspector.root).toHaveAttribute('data-node-id', 'delay_1');
  await expect(app.canvas.edges()).toHaveCount(9);

  await app.canvas.clickEdge('delay_1-next-by_role');
  await app.inspector.click('delete-connection');
  await expect(app.canvas.edges()).toHaveCount(8);
  await expect(app.canvas.root.getByTestId('add-after-delay_1-next')).toBeVisible();
});

test('the “then go to” picker makes a new step, and handles are big enough to hit', async ({ app }) => {
  await app.open();
  await app.journeys.open('setup-troubleshooting');
  await app.canvas.select('wait_fix');
  await app.inspector.link('happened', 'new:email');
  await expect(app.inspector.root).toHaveAttribute('data-node-id', 'email_1');
  await app.canvas.select('wait_fix');
  await expect(app.inspector.field('link-happened')).toHaveValue('email_1');
  for (const handle of ['wait_fix-happened', 'wait_fix-in']) {
    const box = await app.canvas.handle(...(handle.split('-') as [string, string])).boundingBox();
    expect(Math.min(box?.width ?? 0, box?.height ?? 0)).toBeGreaterThanOrEqual(16);
  }
});
