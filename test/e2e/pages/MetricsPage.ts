import { expect, type Locator, type Page } from '@playwright/test';

/** The Metrics view (the setup funnel) and the Events view. */
export class MetricsPage {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('metrics-view');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-metrics').click();
    await expect(this.root).toBeVisible();
  }

  async breakDownBy(value: string): Promise<void> {
    await this.root.getByTestId('metrics-by').selectOption(value);
  }

  /** The funnel table's group rows (first cells), e.g. ["engineer", "marketer"]. */
  groupRows(): Locator {
    return this.root.getByTestId('funnel-table').locator('tbody th');
  }

  /** The period the view shows, as the inputs hold it (YYYY-MM-DD, both days included). */
  async period(): Promise<{ from: string; to: string }> {
    return {
      from: await this.root.getByTestId('period-from').inputValue(),
      to: await this.root.getByTestId('period-to').inputValue(),
    };
  }

  /** Clicks a table's "Download CSV" and returns the file's name and text. */
  async downloadCsv(tableTestId: string): Promise<{ fileName: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.root.getByTestId(`${tableTestId}-csv`).click(),
    ]);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    return { fileName: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }

  async openEvents(): Promise<Locator> {
    await this.page.getByTestId('nav-events').click();
    const view = this.page.getByTestId('events-view');
    await expect(view).toBeVisible();
    return view;
  }
}
