import { expect, type Locator, type Page } from '@playwright/test';

/** The Backtest panel on the canvas, and the counts it draws on the cards. */
export class BacktestPage {
  readonly panel: Locator;

  constructor(private readonly page: Page) {
    this.panel = page.getByTestId('backtest-panel');
  }

  /** Opens the panel, picks the last `days` days and runs the backtest until its results show. */
  async run(days: 7 | 30 | 90): Promise<void> {
    await this.page.getByTestId('open-backtest').click();
    await this.panel.getByTestId(`backtest-last-${days}`).click();
    await this.panel.getByTestId('run-backtest').click();
    await expect(this.results()).toBeVisible({ timeout: 30_000 });
  }

  results(): Locator {
    return this.panel.getByTestId('backtest-results');
  }

  /** The count drawn on a card ("254 sent"). */
  nodeCount(nodeId: string): Locator {
    return this.page.getByTestId(`backtest-count-${nodeId}`);
  }

  /** The count beside one output label of a card ("timed out 228"). */
  outputCount(nodeId: string, output: string): Locator {
    return this.page.getByTestId(`output-count-${nodeId}-${output}`);
  }

  /** The count on an edge out of a one-output step. */
  edgeCount(edgeId: string): Locator {
    return this.page.getByTestId(`edge-count-${edgeId}`);
  }

  /** Folds the panel to one line, leaving the canvas and its counts in view. */
  async fold(): Promise<void> {
    await this.panel.getByTestId('fold-backtest').click();
    await expect(this.page.getByTestId('backtest-folded')).toBeVisible();
  }
}
