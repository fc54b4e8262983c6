import { humanizeName } from '../../../shared/journey/humanize';
import type { Store } from '../../store';

/** A journey's name and its steps' titles, as the inbox shows where a message came from. */
export interface OriginNames {
  journey: string;
  steps: Map<string, string>;
}

/**
 * Names for the journeys of one inbox page, each journey's draft read once: its name, and each
 * step's title (or its id in words). A deleted journey keeps its id.
 * @example const names = originNamer(store); names('integration-setup')?.steps.get('confirm') // "Confirm the steps"
 */
export function originNamer(store: Pick<Store, 'journeys'>): (journeyId: string) => OriginNames | undefined {
  const known = new Map<string, OriginNames | undefined>();
  return (journeyId) => {
    if (known.has(journeyId)) return known.get(journeyId);
    const stored = store.journeys.get(journeyId);
    let names: OriginNames | undefined;
    if (stored) {
      const steps = new Map<string, string>();
      try {
        const draft = JSON.parse(stored.draft) as { nodes?: { id?: unknown; title?: unknown }[] };
        for (const node of Array.isArray(draft.nodes) ? draft.nodes : []) {
          if (typeof node.id !== 'string') continue;
          const title = typeof node.title === 'string' ? node.title.trim() : '';
          steps.set(node.id, title || humanizeName(node.id));
        }
      } catch {
        // A draft that is not JSON names no steps: the ids are shown in words.
      }
      names = { journey: stored.summary.name, steps };
    }
    known.set(journeyId, names);
    return names;
  };
}
