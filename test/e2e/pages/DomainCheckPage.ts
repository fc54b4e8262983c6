import { expect, type Locator, type Page } from '@playwright/test';
import { NavPage } from './NavPage';

/** Settings → Sending domain: the form and each record's verdict. */
export class DomainCheckPage {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('domain-settings');
  }

  async open(): Promise<void> {
    await new NavPage(this.page).go('settings');
    await expect(this.root.getByTestId('domain-check')).toBeVisible();
  }

  /** Fills the form, checks, and waits for the verdicts of this domain. */
  async check(input: { domain: string; selector?: string; dns: string }): Promise<void> {
    await this.root.getByTestId('domain-name').fill(input.domain);
    if (input.selector !== undefined) await this.root.getByTestId('domain-selector').fill(input.selector);
    await this.root.getByTestId('domain-dns').fill(input.dns);
    await this.root.getByTestId('domain-check').click();
    await expect(this.summary()).toContainText(input.domain);
  }

  summary(): Locator {
    return this.root.getByTestId('domain-summary');
  }

  record(name: 'spf' | 'dkim' | 'dmarc' | 'mx'): Locator {
    return this.root.getByTestId(`domain-${name}`);
  }

  toAdd(name: 'spf' | 'dkim' | 'dmarc' | 'mx'): Locator {
    return this.root.getByTestId(`domain-${name}-add`);
  }
}
