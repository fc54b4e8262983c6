import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateJourney } from '../../shared/journey/validate';
import type { Store } from '../store';
import { canonicalJourneyText } from './canonical';
import { hasErrors } from './problems';

const INSTALLED_KEY = 'bundled_journeys_installed';

export interface BundledInstallReport {
  installed: string[];
  skipped: { file: string; reason: string }[];
}

/**
 * Installs the example journeys from `resources/journeys/*.json` into a new data folder, once.
 * Remembered in app_meta, so journeys the user deleted do not come back on the next start.
 * A broken example is skipped with a reason rather than stopping the app from starting.
 */
export function installBundledJourneys(store: Store, journeysDir: string): BundledInstallReport {
  const report: BundledInstallReport = { installed: [], skipped: [] };
  if (store.meta.get(INSTALLED_KEY)) return report;
  const files = existsSync(journeysDir)
    ? readdirSync(journeysDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  store.transaction(() => {
    for (const file of files) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(join(journeysDir, file), 'utf8'));
      } catch (error) {
        report.skipped.push({ file, reason: `not JSON: ${(error as Error).message}` });
        continue;
      }
      const { journey, problems } = validateJourney(parsed);
      if (!journey || hasErrors(problems)) {
        const first = problems.find((p) => p.severity === 'error')?.message ?? 'invalid journey';
        report.skipped.push({ file, reason: first });
        continue;
      }
      if (store.journeys.get(journey.id)) continue;
      store.journeys.saveDraft({ id: journey.id, name: journey.name, json: canonicalJourneyText(journey) });
      report.installed.push(journey.id);
    }
    store.meta.set(INSTALLED_KEY, new Date().toISOString());
  });
  return report;
}
