import type { Locator, Page } from '@playwright/test';

/** The sidebar list of journeys. */
export class JourneyListPage {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('journey-list');
  }

  item(id: string): Locator {
    return this.page.getByTestId(`journey-item-${id}`);
  }

  status(id: string): Locator {
    return this.item(id).getByTestId('status-badge');
  }

  nodeCount(id: string): Locator {
    return this.item(id).getByTestId('node-count');
  }

  async open(id: string): Promise<void> {
    await this.item(id).click();
  }
}
