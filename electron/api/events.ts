import type { ApiEventName, ApiEventPayload } from '../../shared/api/events';

export type EventListener = (event: ApiEventName, payload: unknown) => void;

/** Fan-out of pushes to whoever is connected: Electron windows and SSE clients. */
export interface EventBus {
  emit<E extends ApiEventName>(event: E, payload: ApiEventPayload<E>): void;
  /** @returns unsubscribe */
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of [...listeners]) {
        // One broken subscriber (e.g. a destroyed window) must not stop the others.
        try {
          listener(event, payload);
        } catch (error) {
          console.error(`Push ${event} failed for one subscriber:`, error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
