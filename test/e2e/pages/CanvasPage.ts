import type { Locator, Page } from '@playwright/test';

/** The read-only React Flow canvas of the selected journey. */
export class CanvasPage {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('canvas');
  }

  node(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  /** Every card on the canvas. */
  nodes(): Locator {
    return this.root.locator('[data-testid^="node-"]');
  }

  output(nodeId: string, outputId: string): Locator {
    return this.page.getByTestId(`output-${nodeId}-${outputId}`);
  }

  /** Zooms out (or in) until the whole journey is on screen, as the "fit view" button does. */
  async fitView(): Promise<void> {
    await this.root.getByRole('button', { name: /fit view/i }).click();
  }
}
