import { expect, type Locator, type Page } from '@playwright/test';

/** The open journey's header, commands and side panel tabs. */
export class EditorPage {
  constructor(private readonly page: Page) {}

  saveState(): Locator {
    return this.page.getByTestId('save-state');
  }

  async waitSaved(): Promise<void> {
    await expect(this.saveState()).toHaveAttribute('data-status', 'saved');
  }

  async undo(): Promise<void> {
    await this.page.getByTestId('undo').click();
  }

  async redo(): Promise<void> {
    await this.page.getByTestId('redo').click();
  }

  async tab(name: 'step' | 'journey' | 'problems' | 'versions' | 'simulate'): Promise<void> {
    await this.page.getByTestId(`tab-${name}`).click();
  }

  problemCount(): Locator {
    return this.page.getByTestId('problem-count');
  }

  problems(): Locator {
    return this.page.getByTestId('problems');
  }

  /** Publishes: Publish…, then (when the draft has no errors) the review's confirm button. */
  async publish(): Promise<Locator> {
    await this.page.getByTestId('publish').click();
    const review = this.review();
    const result = this.page.getByTestId('publish-result');
    // The review's dialog element may be in the page while closed: wait for either to show.
    await expect.poll(async () => (await review.isVisible()) || (await result.isVisible())).toBe(true);
    if (await review.isVisible()) await review.getByTestId('publish-confirm').click();
    return result;
  }

  /** The review shown before publishing. */
  review(): Locator {
    return this.page.getByTestId('publish-review');
  }

  /** Clicks Export and returns the downloaded file's name and text. */
  async export(): Promise<{ fileName: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId('export-journey').click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { fileName: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }
}
