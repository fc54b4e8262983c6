import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Journey } from '../../shared/journey/schema';
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
  const { journeys, skipped } = readBundledJourneys(journeysDir);
  report.skipped.push(...skipped);
  store.transaction(() => {
    for (const journey of journeys) {
      if (store.journeys.get(journey.id)) continue;
      store.journeys.saveDraft({ id: journey.id, name: journey.name, json: canonicalJourneyText(journey) });
      report.installed.push(journey.id);
    }
    store.meta.set(INSTALLED_KEY, new Date().toISOString());
  });
  return report;
}

/**
 * The example journeys in `resources/journeys/*.json`, checked: the ones installed on first run,
 * and the templates a new journey can start from. Broken files are listed with a reason.
 */
export function readBundledJourneys(journeysDir: string): {
  journeys: Journey[];
  skipped: { file: string; reason: string }[];
} {
  const journeys: Journey[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const files = existsSync(journeysDir)
    ? readdirSync(journeysDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  for (const file of files) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(join(journeysDir, file), 'utf8'));
    } catch (error) {
      skipped.push({ file, reason: `not JSON: ${(error as Error).message}` });
      continue;
    }
    const { journey, problems } = validateJourney(parsed);
    if (!journey || hasErrors(problems)) {
      skipped.push({ file, reason: problems.find((p) => p.severity === 'error')?.message ?? 'invalid journey' });
      continue;
    }
    journeys.push(journey);
  }
  return { journeys, skipped };
}
