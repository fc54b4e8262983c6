import { useMemo } from 'react';
import { eventSuggestions, propertySuggestions, traitSuggestions } from '../model/suggestions';
import { useAppStore } from './context';
import { selectDraft } from './selectors';

/** The pickers' suggestions from the catalog and the open draft, recomputed only when those change. */

export function useEventSuggestions(): string[] {
  const catalog = useAppStore((state) => state.catalog.events);
  const journey = useAppStore(selectDraft);
  return useMemo(() => eventSuggestions(catalog, journey), [catalog, journey]);
}

export function usePropertySuggestions(event?: string): { key: string; samples: string[] }[] {
  const catalog = useAppStore((state) => state.catalog.events);
  return useMemo(() => propertySuggestions(catalog, event), [catalog, event]);
}

export function useTraitSuggestions(): { key: string; samples: string[] }[] {
  const traits = useAppStore((state) => state.catalog.traits);
  return useMemo(() => traitSuggestions(traits), [traits]);
}
