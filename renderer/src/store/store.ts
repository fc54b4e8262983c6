import { createStore, type StoreApi } from 'zustand';
import type { ApiClient } from '../../../shared/api';
import { createCatalogSlice } from './catalogSlice';
import { createEditorSlice } from './editorSlice';
import { createJourneysSlice } from './journeysSlice';
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
    ...createEditorSlice(api)(...a),
    ...createCatalogSlice(api)(...a),
    ...createSimulatorSlice(...a),
    ...createViewsState(api)(...a),
  }));
}
