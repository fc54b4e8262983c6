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
