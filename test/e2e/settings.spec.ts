import { blockingViolations } from './axe';
import { callApi, postBatch } from './engine';
import { expect, test } from './fixtures';
import { AppSettingsPage } from './pages/AppSettingsPage';

test('settings show the write key the events API accepts, with ready-to-paste code', async ({
  app,
  server,
}, testInfo) => {
  await app.open();
  const settings = new AppSettingsPage(app.page);
  await settings.open();
  const key = (await settings.writeKey().textContent()) ?? '';
  expect(key).toMatch(/^dk_/);
  await expect(settings.eventsUrl()).toHaveText(server.url);
  await expect(settings.snippet()).toContainText("from '@segment/analytics-node'");
  await expect(settings.snippet()).toContainText(`writeKey: '${key}'`);
  await expect(settings.snippet()).toContainText(`host: '${server.url}'`);
  await app.page.screenshot({ path: testInfo.outputPath('settings.png') });
  await settings.showSnippet('curl');
  await expect(settings.snippet()).toContainText(`curl ${server.url}/v1/track`);
  await expect(settings.snippet()).toContainText(`-u '${key}:'`);

  const response = await postBatch(server, [
    { type: 'track', userId: 'u1', event: 'page_viewed', timestamp: new Date().toISOString() },
  ]);
  expect(response.status).toBe(200);
  await expect(settings.root.getByTestId('engine-count-events')).toHaveAttribute('data-value', '1');
});

test('testing an unreachable SMTP server reports a clear error and changes nothing', async ({
  app,
  server,
}, testInfo) => {
  await app.open();
  const settings = new AppSettingsPage(app.page);
  await settings.open();
  await expect(settings.mode()).toHaveAttribute('data-mode', 'dev-inbox');
  await settings.fillSmtp({ host: '127.0.0.1', port: 1 });
  const result = await settings.testConnection();
  await expect(result).toHaveAttribute('data-result', 'error');
  await expect(result).toContainText('Nothing is accepting connections at 127.0.0.1 on port 1');
  await expect(result).toContainText('ECONNREFUSED');
  await result.scrollIntoViewIfNeeded();
  await app.page.screenshot({ path: testInfo.outputPath('settings-smtp-error.png') });
  await expect(settings.mode()).toHaveAttribute('data-mode', 'dev-inbox');
  const stored = await callApi<{ mode: string }>(server, 'mail.settings.get');
  expect(stored.mode).toBe('dev-inbox');
});

test('saving an SMTP server sends mail through it, keeps the password hidden, and the dev inbox can come back', async ({
  app,
  server,
}, testInfo) => {
  await app.open();
  const settings = new AppSettingsPage(app.page);
  await settings.open();
  await expect(settings.passwordState()).toHaveText('not set');
  await settings.fillSmtp({
    host: 'smtp.example.test',
    port: 465,
    tls: true,
    user: 'mailer',
    password: 's3cret',
    from: 'Acme <hello@acme.test>',
  });
  await expect(await settings.save()).toHaveAttribute('data-result', 'ok');
  await expect(settings.mode()).toHaveAttribute('data-mode', 'smtp');
  await expect(settings.mode()).toContainText('smtp.example.test:465');
  await expect(settings.passwordState()).toHaveText('set');
  await expect(settings.mail.getByTestId('smtp-password')).toHaveValue('');
  const stored = await callApi<object>(server, 'mail.settings.get');
  expect(JSON.stringify(stored)).not.toContain('s3cret');
  await settings.mail.scrollIntoViewIfNeeded();
  await app.page.screenshot({ path: testInfo.outputPath('settings-smtp.png') });

  await settings.useDevInbox();
  await expect(settings.passwordState()).toHaveText('not set');
});

test('the sending limit across journeys starts at 3 a day, and a new one is saved and kept', async ({
  app,
  server,
}, testInfo) => {
  await app.open();
  const settings = new AppSettingsPage(app.page);
  await settings.open();
  await expect(settings.limits.getByTestId('cap-enabled')).toBeChecked();
  await expect(settings.limits.getByTestId('cap-max')).toHaveValue('3');
  await expect(settings.limits.getByTestId('cap-per')).toHaveValue('24h');

  await expect(await settings.saveCap({ max: 5, per: '48h' })).toHaveText(/^Saved/);
  await settings.limits.scrollIntoViewIfNeeded();
  await app.page.screenshot({ path: testInfo.outputPath('sending-limits.png') });
  expect(await callApi(server, 'engine.limits.get')).toEqual({ globalCap: { max: 5, per: '48h' }, fromEnv: false });

  await app.page.reload();
  await settings.open();
  await expect(settings.limits.getByTestId('cap-max')).toHaveValue('5');
  await expect(settings.limits.getByTestId('cap-per')).toHaveValue('48h');
  await expect(await settings.saveCap(null)).toHaveText(/^Saved/);
  expect(await callApi(server, 'engine.limits.get')).toEqual({ globalCap: null, fromEnv: false });
});

test('settings have no serious accessibility violations', async ({ app }) => {
  await app.open();
  const settings = new AppSettingsPage(app.page);
  await settings.open();
  await settings.fillSmtp({ host: '127.0.0.1', port: 1 });
  await expect(await settings.testConnection()).toHaveAttribute('data-result', 'error');
  expect(await blockingViolations(app.page, '[data-testid="app-settings"]')).toEqual([]);
});
