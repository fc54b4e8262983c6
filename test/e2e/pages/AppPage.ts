import { expect, type Page } from '@playwright/test';
import { CanvasPage } from './CanvasPage';
import { JourneyListPage } from './JourneyListPage';

/** The whole window: the journey list on the left, the selected journey's canvas on the right. */
export class AppPage {
  readonly journeys: JourneyListPage;
  readonly canvas: CanvasPage;

  constructor(readonly page: Page) {
    this.journeys = new JourneyListPage(page);
    this.canvas = new CanvasPage(page);
  }

  /** Opens the app and waits until the first journey list has arrived. */
  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.locator('html')).toHaveAttribute('data-app-ready', 'true');
  }

  journeyName() {
    return this.page.getByTestId('journey-name');
  }
}
