import type { Locator, Page } from '@playwright/test';

/** The journey's settings tab: exit rules, re-entry, guards, variables. */
export class SettingsPage {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('journey-settings');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('tab-journey').click();
  }

  async addExitRule(event: string): Promise<void> {
    const count = await this.root.locator('[data-testid^="exit-rule-"][data-testid$="-event"]').count();
    await this.root.getByTestId('exit-rule-add').click();
    await this.root.getByTestId(`exit-rule-${count}-event`).fill(event);
  }

  async frequencyCap(max: number, per: { amount: string; unit: string }): Promise<void> {
    await this.root.getByTestId('cap-enabled').check();
    await this.root.getByTestId('cap-max').fill(String(max));
    await this.root.getByTestId('cap-per-amount').fill(per.amount);
    await this.root.getByTestId('cap-per-unit').selectOption(per.unit);
  }

  field(testId: string): Locator {
    return this.root.getByTestId(testId);
  }
}
