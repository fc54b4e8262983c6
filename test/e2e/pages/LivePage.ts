import { expect, type Locator, type Page } from '@playwright/test';

/** A published journey's live state in the editor: header controls, the live panel, canvas counts. */
export class LivePage {
  readonly controls: Locator;
  readonly panel: Locator;

  constructor(private readonly page: Page) {
    this.controls = page.getByTestId('live-controls');
    this.panel = page.getByTestId('live-panel');
  }

  state(): Locator {
    return this.controls.getByTestId('live-state');
  }

  async pause(): Promise<void> {
    await this.controls.getByTestId('pause-journey').click();
    await expect(this.state()).toHaveText('Paused');
  }

  async resume(): Promise<void> {
    await this.controls.getByTestId('resume-journey').click();
    await expect(this.state()).toHaveText('Live');
  }

  peopleButton(): Locator {
    return this.controls.getByTestId('live-people');
  }

  /** The badge on a canvas card counting the people waiting there. */
  count(nodeId: string): Locator {
    return this.page.getByTestId(`live-count-${nodeId}`);
  }

  step(nodeId: string): Locator {
    return this.panel.getByTestId(`live-step-${nodeId}`);
  }

  person(userId: string): Locator {
    return this.panel.getByTestId(`live-person-${userId}`);
  }
}
