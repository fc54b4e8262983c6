import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { expect, test } from './fixtures';

test('opening the printed access link signs the browser in and takes the token out of the address', async ({
  browser,
  server,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/?token=${encodeURIComponent(server.token)}`);
  await expect(page.locator('html')).toHaveAttribute('data-app-ready', 'true');
  expect(new URL(page.url()).search).toBe('');
  const cookies = await context.cookies(server.url);
  expect(cookies).toContainEqual(expect.objectContaining({ httpOnly: true, sameSite: 'Strict' }));
  await context.close();
});

test('without the token the app asks for the access link, and pasting it opens the app', async ({
  browser,
  server,
}) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await expect(page.locator('html')).toHaveAttribute('data-access-required', 'true');
  const screen = page.getByTestId('access-screen');
  await expect(screen.getByRole('heading', { name: 'Paste your access link' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/access-1280.png' });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: 'test-results/screens/access-1440.png' });

  await page.getByTestId('access-link').fill('http://127.0.0.1/?nothing=here');
  await page.getByTestId('access-open').click();
  await expect(page.getByRole('alert')).toContainText('not an access link');

  await page.getByTestId('access-link').fill(`  ${server.url}/?token=${encodeURIComponent(server.token)}  `);
  await page.getByTestId('access-open').click();
  await expect(page.locator('html')).toHaveAttribute('data-app-ready', 'true');
  await context.close();
});

test('a page on a foreign name pointed at 127.0.0.1 (DNS rebinding) gets 403 for the app and the API', async ({
  server,
}) => {
  const port = new URL(server.url).port;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP evil.example 127.0.0.1, MAP 127.evil.example 127.0.0.1'],
  });
  try {
    const page = await browser.newPage();
    for (const name of ['127.evil.example', 'evil.example']) {
      const response = await page.goto(`http://${name}:${port}/`);
      expect(response?.status()).toBe(403);
      const api = await page.evaluate(async () => {
        const answer = await fetch('/api/engine.status', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        return { status: answer.status, text: await answer.text() };
      });
      expect(api.status).toBe(403);
      expect(api.text).not.toContain('writeKey');
    }
    // The same host by a name nobody can re-point is answered.
    const own = await page.goto(`http://localhost:${port}/`);
    expect(own?.status()).toBe(200);
  } finally {
    await browser.close();
  }
});
