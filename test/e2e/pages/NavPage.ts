import type { Page } from '@playwright/test';

export type Place = 'journeys' | 'people' | 'inbox' | 'suppressions' | 'settings';

/** The top bar's places. */
export class NavPage {
  constructor(private readonly page: Page) {}

  async go(place: Place): Promise<void> {
    await this.page.getByTestId(`nav-${place}`).click();
  }
}
