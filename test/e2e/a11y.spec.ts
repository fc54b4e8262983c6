import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Serious and critical violations only: what blocks someone from using the page. */
async function blockingViolations(page: Page, include?: string) {
  // The email preview's frame shows the user's own email, sandboxed without scripts: not app UI.
  let builder = new AxeBuilder({ page }).exclude('[data-testid="preview-html"]').setLegacyMode(true);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      help: violation.help,
      nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
    }));
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    // The app follows the system setting: Chromium is told which one the system has.
    test.use({ colorScheme: theme });

    test(`the journey list, canvas, inspector and email editor have no serious accessibility violations (${theme})`, async ({
      app,
    }, testInfo) => {
      await app.open();
      const background = await app.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      expect(background).toBe(theme === 'dark' ? 'rgb(15, 18, 23)' : 'rgb(244, 245, 247)');
      await app.journeys.open('integration-setup');
      expect(await blockingViolations(app.page, '[data-testid="journey-list"]'), 'journey list').toEqual([]);
      expect(await blockingViolations(app.page), 'canvas').toEqual([]);
      await app.page.screenshot({ path: testInfo.outputPath(`canvas-${theme}.png`) });

      await app.canvas.select('start');
      expect(await blockingViolations(app.page, '[data-testid="side-panel"]'), 'inspector: trigger').toEqual([]);
      await app.canvas.select('wait_api_key');
      expect(await blockingViolations(app.page, '[data-testid="side-panel"]'), 'inspector: wait').toEqual([]);
      await app.settings.open();
      expect(await blockingViolations(app.page, '[data-testid="side-panel"]'), 'journey settings').toEqual([]);

      await app.editor.tab('step');
      await app.canvas.select('credential_help');
      await app.page.getByTestId('edit-email').click();
      await app.page.getByTestId('convert-to-markdown').click();
      await expect(app.email.root.getByTestId('email-body')).toBeVisible();
      expect(await blockingViolations(app.page, '[data-testid="email-editor"]'), 'email editor').toEqual([]);
      await app.page.screenshot({ path: testInfo.outputPath(`email-editor-${theme}.png`) });
    });
  });
}
