import { expect, type Locator, type Page } from '@playwright/test';

/** The sidebar list of journeys and what can be done with them. */
export class JourneyListPage {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('journey-list');
  }

  item(id: string): Locator {
    return this.page.getByTestId(`journey-item-${id}`);
  }

  items(): Locator {
    return this.root.locator('[data-testid^="journey-item-"]');
  }

  status(id: string): Locator {
    return this.item(id).getByTestId('status-badge');
  }

  nodeCount(id: string): Locator {
    return this.item(id).getByTestId('node-count');
  }

  async open(id: string): Promise<void> {
    await this.item(id).click();
    await expect(this.page.getByTestId('canvas')).toHaveAttribute('data-ready', 'true');
  }

  async create(name: string): Promise<void> {
    await this.page.getByTestId('new-journey').click();
    await this.page.getByTestId('name-input').fill(name);
    await this.page.getByTestId('name-submit').click();
    await expect(this.page.getByTestId('journey-name')).toHaveText(name);
  }

  private async menu(id: string, action: 'rename' | 'duplicate' | 'export' | 'delete'): Promise<void> {
    await this.page.getByTestId(`journey-menu-${id}`).click();
    await this.page.getByTestId(`menu-${action}`).click();
  }

  async rename(id: string, name: string): Promise<void> {
    await this.menu(id, 'rename');
    await this.page.getByTestId('name-input').fill(name);
    await this.page.getByTestId('name-submit').click();
  }

  async duplicate(id: string): Promise<void> {
    await this.menu(id, 'duplicate');
  }

  async delete(id: string): Promise<void> {
    await this.askToDelete(id);
    await this.confirmDelete(id);
  }

  /** Opens the delete dialog and returns it, without confirming. */
  async askToDelete(id: string): Promise<Locator> {
    await this.menu(id, 'delete');
    return this.page.getByTestId('delete-dialog');
  }

  async confirmDelete(id: string): Promise<void> {
    await this.page.getByTestId('confirm-delete').click();
    await expect(this.item(id)).toHaveCount(0);
  }

  /** Imports a file through the file input (as the browser and the desktop app both do). */
  async import(fileName: string, text: string): Promise<void> {
    await this.page
      .getByTestId('import-file')
      .setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(text) });
  }

  importProblems(): Locator {
    return this.page.getByTestId('import-problem-list');
  }
}
