import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { NavPage } from './NavPage';

/** The dev inbox: received emails, and the open one as its recipient sees it. */
export class InboxPage {
  readonly root: Locator;
  readonly message: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('inbox-view');
    this.message = page.getByTestId('inbox-message');
  }

  async open(): Promise<void> {
    await new NavPage(this.page).go('inbox');
    await expect(this.root).toBeVisible();
  }

  items(): Locator {
    return this.root.getByTestId('inbox-list').locator('[data-testid^="inbox-item-"]');
  }

  item(subject: string): Locator {
    return this.items().filter({ hasText: subject });
  }

  empty(): Locator {
    return this.root.getByTestId('inbox-empty');
  }

  async openMessage(subject: string): Promise<void> {
    await this.item(subject).first().click();
    await expect(this.message.getByTestId('message-subject')).toHaveText(subject);
  }

  field(name: 'subject' | 'from' | 'to' | 'date'): Locator {
    return this.message.getByTestId(`message-${name}`);
  }

  async tab(name: 'html' | 'text' | 'headers'): Promise<void> {
    await this.message.getByTestId(`message-tab-${name}`).click();
  }

  /** The email's HTML, rendered in its sandboxed frame. */
  html(): FrameLocator {
    return this.message.frameLocator('[data-testid="message-html"]');
  }

  htmlFrame(): Locator {
    return this.message.getByTestId('message-html');
  }

  text(): Locator {
    return this.message.getByTestId('message-text');
  }

  header(name: 'message-id' | 'list-unsubscribe' | 'list-unsubscribe-post'): Locator {
    return this.message.getByTestId(`header-${name}`);
  }

  /** Narrows the list: words in the subject or recipient, a journey, a user id. */
  async find(filter: { search?: string; journeyId?: string; userId?: string }): Promise<void> {
    if (filter.search !== undefined) await this.root.getByTestId('inbox-search').fill(filter.search);
    if (filter.journeyId !== undefined) await this.root.getByTestId('inbox-journey').selectOption(filter.journeyId);
    if (filter.userId !== undefined) await this.root.getByTestId('inbox-user').fill(filter.userId);
  }

  async clear(confirm: boolean): Promise<void> {
    await this.root.getByTestId('inbox-clear').click();
    const dialog = this.page.getByTestId('inbox-clear-dialog');
    if (confirm) await dialog.getByTestId('inbox-clear-confirm').click();
    else await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog.getByTestId('inbox-clear-confirm')).toHaveCount(0);
  }
}
