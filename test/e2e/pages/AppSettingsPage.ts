import { expect, type Locator, type Page } from '@playwright/test';
import { NavPage } from './NavPage';

/** App settings: the write key and events address, and email delivery (SMTP or the dev inbox). */
export class AppSettingsPage {
  readonly root: Locator;
  readonly mail: Locator;
  readonly limits: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('app-settings');
    this.mail = page.getByTestId('mail-settings');
    this.limits = page.getByTestId('limits-settings');
  }

  async open(): Promise<void> {
    await new NavPage(this.page).go('settings');
    await expect(this.root.getByTestId('write-key')).toBeVisible();
  }

  /** Sets the cap across journeys (or turns it off) and saves; returns the result message. */
  async saveCap(cap: { max: number; per: string } | null): Promise<Locator> {
    const enabled = this.limits.getByTestId('cap-enabled');
    if (cap === null) await enabled.uncheck();
    else {
      await enabled.check();
      await this.limits.getByTestId('cap-max').fill(String(cap.max));
      await this.limits.getByTestId('cap-per').selectOption(cap.per);
    }
    await this.limits.getByTestId('cap-save').click();
    return this.limits.getByTestId('cap-result');
  }

  writeKey(): Locator {
    return this.root.getByTestId('write-key');
  }

  eventsUrl(): Locator {
    return this.root.getByTestId('events-url');
  }

  snippet(): Locator {
    return this.root.getByTestId('snippet-code');
  }

  async showSnippet(kind: 'node' | 'curl'): Promise<void> {
    await this.root.getByTestId(`snippet-${kind}`).check({ force: true });
  }

  mode(): Locator {
    return this.mail.getByTestId('mail-mode');
  }

  async fillSmtp(server: {
    host: string;
    port: number;
    tls?: boolean;
    user?: string;
    password?: string;
    from?: string;
  }) {
    await this.mail.getByTestId('smtp-host').fill(server.host);
    await this.mail.getByTestId('smtp-secure').selectOption(server.tls ? 'tls' : 'starttls');
    await this.mail.getByTestId('smtp-port').fill(String(server.port));
    if (server.user !== undefined) await this.mail.getByTestId('smtp-user').fill(server.user);
    if (server.password !== undefined) await this.mail.getByTestId('smtp-password').fill(server.password);
    if (server.from !== undefined) await this.mail.getByTestId('smtp-from').fill(server.from);
  }

  async testConnection(): Promise<Locator> {
    await this.mail.getByTestId('smtp-test').click();
    return this.mail.getByTestId('smtp-result');
  }

  async save(): Promise<Locator> {
    await this.mail.getByTestId('smtp-save').click();
    return this.mail.getByTestId('smtp-result');
  }

  async useDevInbox(): Promise<void> {
    await this.mail.getByTestId('smtp-use-dev-inbox').click();
    await expect(this.mode()).toHaveAttribute('data-mode', 'dev-inbox');
  }

  passwordState(): Locator {
    return this.mail.getByTestId('smtp-password-state');
  }
}
