import { expect, type Locator, type Page } from '@playwright/test';
import { NavPage } from './NavPage';

/** People: search, and one person's timeline. */
export class PeoplePage {
  readonly root: Locator;
  readonly timeline: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('people-view');
    this.timeline = page.getByTestId('person-timeline');
  }

  async open(): Promise<void> {
    await new NavPage(this.page).go('people');
    await expect(this.root).toBeVisible();
  }

  async search(query: string): Promise<void> {
    await this.root.getByTestId('people-search').fill(query);
  }

  person(userId: string): Locator {
    return this.root.getByTestId(`person-${userId}`);
  }

  async openPerson(userId: string): Promise<void> {
    await this.person(userId).click();
    await expect(this.timeline).toBeVisible();
  }

  name(): Locator {
    return this.timeline.getByTestId('person-name');
  }

  run(journeyId: string): Locator {
    return this.timeline.getByTestId(`run-${journeyId}`);
  }

  /** Whether (and why not) one email step reached the person. */
  answer(journeyId: string, nodeId: string): Locator {
    return this.run(journeyId).getByTestId(`answer-${nodeId}`);
  }

  decisions(): Locator {
    return this.timeline.getByTestId('decision');
  }

  messages(): Locator {
    return this.timeline.getByTestId('timeline-message');
  }
}
