import { createStore, type StoreApi } from 'zustand';
import type { ApiClient } from '../../../shared/api';
import { createAutosaveSlice } from './autosaveSlice';
import { createBacktestSlice } from './backtestSlice';
import { createCatalogSlice } from './catalogSlice';
import { createDocumentSlice } from './documentSlice';
import { createForecastSlice } from './forecastSlice';
import { createJourneysSlice } from './journeysSlice';
import { createScenarioChecksSlice } from './scenarioChecksSlice';
import { createSelectionSlice } from './selectionSlice';
import { createSimulatorSlice } from './simulatorSlice';
import type { AppState } from './types';
import { createUiSlice } from './uiSlice';
import { createViewsState } from './viewsState';

export type AppStore = StoreApi<AppState>;

/** The renderer store, built around one API client so tests can hand it a fake. */
export function createAppStore(api: ApiClient): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createJourneysSlice(api)(...a),
    ...createUiSlice(...a),
    ...createDocumentSlice(...a),
    ...createAutosaveSlice(api)(...a),
    ...createSelectionSlice(...a),
    ...createCatalogSlice(api)(...a),
    ...createSimulatorSlice(...a),
    ...createScenarioChecksSlice(...a),
    ...createBacktestSlice(api)(...a),
    ...createForecastSlice(api)(...a),
    ...createViewsState(api)(...a),
  }));
}
