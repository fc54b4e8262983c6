import { HTTP_PATHS } from '../../../shared/api/channels';
import type { ApiTransport } from '../../../shared/api/client';
import type { ApiResult } from '../../../shared/api/errors';
import type { ApiEventName } from '../../../shared/api/events';

export interface HttpTransportOptions {
  /** Origin of the host, e.g. `http://127.0.0.1:4010`; empty means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /**
   * The admin token, for scripts and tests (`Authorization: Bearer …`). A browser needs none: the
   * access link set an HttpOnly cookie that goes with every same-origin request.
   */
  token?: string;
}

/**
 * The browser transport for `dripagent serve`: `POST /api/<name>` and one shared
 * `EventSource` on `/api/events` for pushes (none where `EventSource` does not exist, e.g. Node 20).
 * @example const api = createApiClient(createHttpTransport({ baseUrl: 'http://127.0.0.1:4010' }));
 */
export function createHttpTransport(options: HttpTransportOptions = {}): ApiTransport {
  const baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const listeners = new Map<ApiEventName, Set<(payload: unknown) => void>>();
  let source: EventSource | undefined;

  function openEvents(): EventSource | undefined {
    if (source || typeof EventSource === 'undefined') return source;
    source = new EventSource(`${baseUrl}${HTTP_PATHS.events}`);
    return source;
  }

  return {
    async call(name, args) {
      const response = await doFetch(`${baseUrl}${HTTP_PATHS.callPrefix}${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: JSON.stringify(args ?? {}),
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (body && typeof body === 'object' && 'ok' in body) return body as ApiResult<unknown>;
      return {
        ok: false,
        error: { code: 'transport_error', message: `${name}: HTTP ${response.status} without an API answer` },
      };
    },
    on(event, listener) {
      const events = openEvents();
      if (!events) return () => {};
      let set = listeners.get(event);
      if (!set) {
        const created = new Set<(payload: unknown) => void>();
        listeners.set(event, created);
        events.addEventListener(event, (message) => {
          const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
          for (const each of created) each(payload);
        });
        set = created;
      }
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
