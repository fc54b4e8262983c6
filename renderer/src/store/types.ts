import type { AutosaveSlice } from './autosaveSlice';
import type { BacktestSlice } from './backtestSlice';
import type { CatalogSlice } from './catalogSlice';
import type { DocumentSlice } from './documentSlice';
import type { ForecastSlice } from './forecastSlice';
import type { JourneysSlice } from './journeysSlice';
import type { ScenarioChecksSlice } from './scenarioChecksSlice';
import type { SelectionSlice } from './selectionSlice';
import type { SimulatorSlice } from './simulatorSlice';
import type { UiSlice } from './uiSlice';
import type { ViewsState } from './viewsState';

/** The whole renderer state: one object made of slices, each owning its part. */
export type AppState = JourneysSlice &
  UiSlice &
  DocumentSlice &
  AutosaveSlice &
  SelectionSlice &
  CatalogSlice &
  ViewsState &
  SimulatorSlice &
  ScenarioChecksSlice &
  BacktestSlice &
  ForecastSlice;

/** Where an asynchronous load stands. */
export type LoadState = { status: 'idle' | 'loading' | 'ready' } | { status: 'error'; error: string };
