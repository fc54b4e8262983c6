import { expect, type Locator, type Page } from '@playwright/test';

/** The email editor dialog: subject, Markdown body, variables, preview. */
export class EmailEditorPage {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('email-editor');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('edit-email').click();
    await expect(this.root.getByTestId('email-subject')).toBeVisible();
  }

  async write(subject: string, body: string): Promise<void> {
    await this.root.getByTestId('email-subject').fill(subject);
    await this.root.getByTestId('email-body').fill(body);
  }

  /** Puts a variable with a fallback at the end of the body. */
  async insertVariable(ref: string, fallback: string): Promise<void> {
    await this.root.getByTestId('email-body').press('End');
    await this.root.getByTestId('variable-choice').selectOption(ref);
    await this.root.getByTestId('variable-fallback').fill(fallback);
    await this.root.getByTestId('variable-insert').click();
  }

  /** Puts a value's display name ("custom API", not "custom_api") at the end of the body. */
  async insertDisplayName(ref: string): Promise<void> {
    await this.root.getByTestId('email-body').press('End');
    await this.root.getByTestId('variable-choice').selectOption(`as-name:${ref}`);
    await this.root.getByTestId('variable-insert').click();
  }

  /** The spam score under the preview, once SpamAssassin has answered. */
  async spamScore(): Promise<Locator> {
    const score = this.root.getByTestId('spam-score');
    await expect(score).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
    return score;
  }

  /** Sends the previewed email as a test; returns the result line. */
  async sendTest(to: string): Promise<Locator> {
    await this.root.getByTestId('test-send-to').fill(to);
    await this.root.getByTestId('test-send').click();
    return this.root.getByTestId('test-send-result');
  }

  previewSubject(): Locator {
    return this.root.getByTestId('preview-subject');
  }

  previewHtml(): Locator {
    return this.root.frameLocator('[data-testid="preview-html"]').locator('body');
  }

  async close(): Promise<void> {
    await this.root.getByTestId('email-done').click();
    await expect(this.root).toBeHidden();
  }
}
