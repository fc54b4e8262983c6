import { expect, type Page } from '@playwright/test';
import { BacktestPage } from './BacktestPage';
import { CanvasPage } from './CanvasPage';
import { EditorPage } from './EditorPage';
import { EmailEditorPage } from './EmailEditorPage';
import { InspectorPage } from './InspectorPage';
import { JourneyListPage } from './JourneyListPage';
import { SettingsPage } from './SettingsPage';
import { SimulatorPage } from './SimulatorPage';

/** The whole window: the journey list on the left, the open journey's editor on the right. */
export class AppPage {
  readonly journeys: JourneyListPage;
  readonly canvas: CanvasPage;
  readonly editor: EditorPage;
  readonly inspector: InspectorPage;
  readonly email: EmailEditorPage;
  readonly settings: SettingsPage;
  readonly simulator: SimulatorPage;
  readonly backtest: BacktestPage;

  constructor(readonly page: Page) {
    this.backtest = new BacktestPage(page);
    this.journeys = new JourneyListPage(page);
    this.canvas = new CanvasPage(page);
    this.editor = new EditorPage(page);
    this.inspector = new InspectorPage(page);
    this.email = new EmailEditorPage(page);
    this.settings = new SettingsPage(page);
    this.simulator = new SimulatorPage(page);
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
