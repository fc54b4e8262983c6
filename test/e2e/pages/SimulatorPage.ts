import { expect, type Locator, type Page } from '@playwright/test';

/** The Simulate tab: scenarios, the timeline editor, the virtual clock, emails and decisions. */
export class SimulatorPage {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('simulator');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('tab-simulate').click();
    await expect(this.root).toBeVisible();
  }

  chip(scenarioId: string): Locator {
    return this.root.getByTestId(`scenario-chip-${scenarioId}`);
  }

  /** Runs a saved scenario and waits for its result. */
  async run(scenarioId: string): Promise<void> {
    await this.chip(scenarioId).click();
    await expect(this.chip(scenarioId)).toHaveAttribute('aria-pressed', 'true');
    await expect(this.summary()).toBeVisible();
  }

  summary(): Locator {
    return this.root.getByTestId('sim-summary');
  }

  emails(): Locator {
    return this.root.getByTestId('sim-email');
  }

  email(nodeId: string): Locator {
    return this.root.locator(`[data-testid="sim-email"][data-node-id="${nodeId}"]`);
  }

  /** Opens an email to read it; the clock moves to when it was sent. */
  async openEmail(nodeId: string): Promise<Locator> {
    const email = this.email(nodeId);
    await email.getByRole('button', { expanded: false }).click();
    const message = email.getByTestId('sim-email-message');
    await expect(message).toBeVisible();
    return message;
  }

  /** The steps of the path in words, with their nodes and kinds. */
  steps(): Locator {
    return this.root.getByTestId('sim-step');
  }

  stepsAt(nodeId: string): Locator {
    return this.root.locator(`[data-testid="sim-step"][data-node-id="${nodeId}"]`);
  }

  timeline(): Locator {
    return this.root.getByTestId('timeline');
  }

  timelineNotes(): Locator {
    return this.root.getByTestId('timeline-notes');
  }

  /** Adds a line through the "add an event" row, as a founder picks an event. */
  async addEvent(time: string, event: string, properties = ''): Promise<void> {
    await this.root.getByTestId('add-event-time').fill(time);
    await this.root.getByTestId('add-event-name').fill(event);
    if (properties) await this.root.getByTestId('add-event-properties').fill(properties);
    await this.root.getByTestId('add-event').getByRole('button', { name: 'Add' }).click();
  }

  clock(): Locator {
    return this.root.getByTestId('sim-clock');
  }

  scrubber(): Locator {
    return this.root.getByTestId('sim-scrubber');
  }

  async control(name: 'restart' | 'previous-decision' | 'step-back' | 'play' | 'step-forward' | 'next-decision') {
    await this.root.getByTestId(`sim-${name}`).click();
  }

  /** Names the scenario and saves it into the journey, as a new one or over the one it came from. */
  async save(name: string, options: { asNew?: boolean } = {}): Promise<void> {
    await this.root.getByTestId('scenario-name').fill(name);
    await this.root.getByTestId(options.asNew ? 'save-scenario-as-new' : 'save-scenario').click();
    await expect(this.root.getByTestId('scenario-status')).toHaveText(/Saved with the journey/);
  }

  /** What the open scenario expects against the draft: data-status none, pass or fail. */
  expectations(): Locator {
    return this.root.getByTestId('scenario-expectations');
  }

  /** "Expect this": pins the current outcome and saves it with the scenario. */
  async pinOutcome(): Promise<void> {
    await this.root.getByTestId('pin-outcome').click();
    await expect(this.expectations()).toHaveAttribute('data-status', 'pass');
  }

  /** A saved scenario's verdict on its chip. */
  check(scenarioId: string): Locator {
    return this.root.getByTestId(`scenario-check-${scenarioId}`);
  }

  async compare(): Promise<Locator> {
    await this.root.getByTestId('compare-scenarios').click();
    const dialog = this.page.getByTestId('compare-dialog');
    await expect(dialog.getByTestId('compare-table')).toBeVisible();
    return dialog;
  }
}
