import { type ApiEventName, type ApiEventPayload, apiEventSpec } from '../../shared/api/events';

export type EventListener = (event: ApiEventName, payload: unknown) => void;

/** Fan-out of pushes to whoever is connected: Electron windows, SSE clients, the live engine. */
export interface EventBus {
  /** Checks the payload against its schema in shared/api/events.ts, then tells every subscriber. */
  emit<E extends ApiEventName>(event: E, payload: ApiEventPayload<E>): void;
  /** @returns unsubscribe */
  subscribe(listener: EventListener): () => void;
}

export interface EventBusOptions {
  /** Where a push that breaks its own contract is reported (it is not sent). */
  onInvalid?: (event: ApiEventName, message: string) => void;
}

export function createEventBus(options: EventBusOptions = {}): EventBus {
  const listeners = new Set<EventListener>();
  const onInvalid =
    options.onInvalid ??
    ((event, message) => console.error(`Push ${event} was not sent, it breaks its contract: ${message}`));
  return {
    emit(event, payload) {
      // Our own pushes, checked like our own answers: a renderer may rely on the declared shape.
      const checked = apiEventSpec[event].safeParse(payload);
      if (!checked.success) {
        onInvalid(event, checked.error.message);
        return;
      }
      for (const listener of [...listeners]) {
        // One broken subscriber (e.g. a destroyed window) must not stop the others.
        try {
          listener(event, checked.data);
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
