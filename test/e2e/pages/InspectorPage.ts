import { expect, type Locator, type Page } from '@playwright/test';

/** The form of the selected step. */
export class InspectorPage {
  readonly root: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('inspector');
  }

  field(testId: string): Locator {
    return this.root.getByTestId(testId);
  }

  /** Renames the step's id (Enter commits) and waits for the inspector to follow it. */
  async setId(id: string): Promise<void> {
    await this.field('node-id').fill(id);
    await this.field('node-id').press('Enter');
    await expect(this.root).toHaveAttribute('data-node-id', id);
  }

  async setTitle(title: string): Promise<void> {
    await this.field('node-title').fill(title);
  }

  /** Id and title of a newly added step in one go. */
  async name(id: string, title: string): Promise<void> {
    await this.setTitle(title);
    await this.setId(id);
  }

  /** Chooses where an output leads ("Then" section). */
  async link(output: string, to: string): Promise<void> {
    await this.field(`link-${output}`).selectOption(to);
  }

  async fill(testId: string, value: string): Promise<void> {
    await this.field(testId).fill(value);
  }

  async choose(testId: string, value: string): Promise<void> {
    await this.field(testId).selectOption(value);
  }

  async click(testId: string): Promise<void> {
    await this.field(testId).click();
  }
}
