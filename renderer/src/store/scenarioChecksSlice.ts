import type { ScenarioCheck } from '../model/scenarioChecks';
import { slice } from './slice';

/** The saved scenarios' checks on the open draft, as of one content revision. */
export interface ScenarioChecks {
  journeyId: string;
  revision: number;
  byScenario: Record<string, ScenarioCheck>;
  /** Nodes where a failing scenario now differs, with those scenarios' names. */
  differing: ReadonlyMap<string, string[]>;
}

export interface ScenarioChecksSlice {
  scenarioChecks: ScenarioChecks | null;
  setScenarioChecks(checks: ScenarioChecks | null): void;
}

export const createScenarioChecksSlice = slice<ScenarioChecksSlice>((set) => ({
  scenarioChecks: null,
  setScenarioChecks(checks) {
    set({ scenarioChecks: checks });
  },
}));
