import { expect, type Locator, type Page } from '@playwright/test';

/** A journey's Results tab, and the goal and holdout fields of its Settings tab. */
export class ResultsPage {
  readonly panel: Locator;

  constructor(private readonly page: Page) {
    this.panel = page.getByTestId('results-panel');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('tab-results').click();
    await expect(this.panel).toBeVisible();
  }

  /** In the Settings tab: measure `event` within `days` days, holding out `percent`% of users. */
  async setGoalAndHoldout(event: string, days: string, percent: number): Promise<void> {
    await this.page.getByTestId('tab-journey').click();
    const settings = this.page.getByTestId('journey-settings');
    await settings.getByTestId('goal-enabled').check();
    await settings.getByTestId('goal-event').fill(event);
    await settings.getByTestId('goal-within-amount').fill(days);
    await settings.getByTestId('goal-within-unit').selectOption('d');
    await settings.getByTestId('holdout-percent').fill(String(percent));
  }

  holdout(): Locator {
    return this.panel.getByTestId('holdout-comparison');
  }

  /** The count a canvas card shows while the Results tab is open. */
  reached(nodeId: string): Locator {
    return this.page.getByTestId(`result-count-${nodeId}`);
  }
}
