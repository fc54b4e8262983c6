import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * Serious and critical accessibility violations inside `include`: what blocks someone from using
 * it. Received emails (shown in a sandboxed frame) are the sender's content, not app UI.
 */
export async function blockingViolations(page: Page, include: string) {
  const { violations } = await new AxeBuilder({ page })
    .include(include)
    .exclude('[data-testid="message-html"]')
    .setLegacyMode(true)
    .analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      help: violation.help,
      nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
    }));
}
