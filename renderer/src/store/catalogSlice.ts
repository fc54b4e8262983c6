import type { ApiClient, CatalogEvent, CatalogProperty, CatalogUser } from '../../../shared/api';
import { slice } from './slice';

export interface Catalog {
  events: CatalogEvent[];
  traits: CatalogProperty[];
  users: CatalogUser[];
}

export interface CatalogSlice {
  /** Event names, properties, traits and users seen in stored data; empty until loaded. */
  catalog: Catalog;
  loadCatalog(): Promise<void>;
}

const EMPTY: Catalog = { events: [], traits: [], users: [] };

export function createCatalogSlice(api: ApiClient) {
  return slice<CatalogSlice>((set) => ({
    catalog: EMPTY,
    async loadCatalog() {
      const result = await api.callResult('events.catalog');
      // Suggestions are a help, not a need: without them the pickers still take typed names.
      if (result.ok) set({ catalog: result.result });
    },
  }));
}
