import type { ApiClient, ApiResponse, CatalogEvent, CatalogProperty, CatalogUser } from '../../../shared/api';
import { slice } from './slice';

export interface Catalog {
  events: CatalogEvent[];
  traits: CatalogProperty[];
  users: CatalogUser[];
}

export type StoredPerson = ApiResponse<'users.search'>['users'][number];
export type StoredEvent = NonNullable<ApiResponse<'users.lastEvent'>['event']>;

export interface CatalogSlice {
  /** Event names, properties, traits and users seen in stored data; empty until loaded. */
  catalog: Catalog;
  loadCatalog(): Promise<void>;
  /** Stored people whose id or traits contain `query` (the most recently seen first), e.g. to preview an email for one. */
  findPeople(query: string): Promise<StoredPerson[]>;
  /** A person's newest event of one name (what started a journey for them), or null. */
  lastEventOf(userId: string, event: string): Promise<StoredEvent | null>;
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
    async findPeople(query) {
      return (await api.call('users.search', { query: query.trim(), limit: 20 })).users;
    },
    async lastEventOf(userId, event) {
      return (await api.call('users.lastEvent', { userId, event })).event;
    },
  }));
}
