import { Journey } from '../../shared/journey/schema';
import { type EmailRoles, emailRoles } from '../../shared/metrics/email-roles';
import type { JourneyStore } from '../journeys/journey-store';

/** Troubleshooting and test-prompt email nodes across every published version, by `journeyId/nodeId`. */
export interface EmailRoleIndex {
  troubleshooting: Set<string>;
  testPrompt: Set<string>;
}

export const emailKey = (journeyId: string, nodeId: string) => `${journeyId}/${nodeId}`;

/**
 * Reads every published version once: an email keeps the role it had in the version that sent it
 * (node ids are stable across versions, so the union is what was ever sent in that role).
 */
export async function buildEmailRoleIndex(journeys: JourneyStore): Promise<EmailRoleIndex> {
  const index: EmailRoleIndex = { troubleshooting: new Set(), testPrompt: new Set() };
  for (const summary of await journeys.list()) {
    for (const info of await journeys.versions(summary.id)) {
      const stored = await journeys.getVersion(summary.id, info.version);
      const parsed = stored ? Journey.safeParse(JSON.parse(stored.json)) : undefined;
      if (!parsed?.success) continue;
      const roles: EmailRoles = emailRoles(parsed.data);
      for (const id of roles.troubleshooting) index.troubleshooting.add(emailKey(summary.id, id));
      for (const id of roles.testPrompt) index.testPrompt.add(emailKey(summary.id, id));
    }
  }
  return index;
}
