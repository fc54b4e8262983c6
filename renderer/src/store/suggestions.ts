import { useMemo } from 'react';
import {
  eventSuggestions,
  propertySuggestions,
  traitSuggestions,
  type ValueChoice,
  valueChoices,
} from '../model/suggestions';
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

/**
 * Values to offer for a reference (`trigger.integration_type`, `user.role`, or a property of
 * `event`), seen in stored data, each saying how often and what it means to the journey's variables.
 */
export function useValueChoices(ref: string, event?: string): ValueChoice[] {
  const events = useAppStore((state) => state.catalog.events);
  const traits = useAppStore((state) => state.catalog.traits);
  const journey = useAppStore(selectDraft);
  return useMemo(() => {
    if (!journey) return [];
    const [root, ...rest] = ref.split('.');
    const key = rest.join('.');
    if (!key) return [];
    if (root === 'user') {
      const asEvents = [{ name: '', count: 0, lastSeen: 0, properties: traits }];
      return valueChoices(asEvents, undefined, key, ref, journey);
    }
    const trigger = journey.nodes.find((node) => node.type === 'trigger');
    const source = root === 'trigger' && trigger?.type === 'trigger' ? trigger.config.event : event;
    return valueChoices(events, source || undefined, key, ref, journey);
  }, [events, traits, journey, ref, event]);
}
