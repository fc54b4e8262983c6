import { HTTP_PATHS } from '../../../shared/api/channels';
import type { EventBus } from '../events';
import type { Route } from './router';

/** Proxies and idle timeouts drop silent connections; a comment line every 25 s keeps it open. */
const HEARTBEAT_MS = 25_000;

/** `GET /api/events`: server-sent events, one `event: <name>` per push. */
export function eventsRoute(events: EventBus, heartbeatMs = HEARTBEAT_MS): Route {
  return {
    method: 'GET',
    path: HTTP_PATHS.events,
    handle({ req, res }) {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // `retry` tells EventSource how soon to reconnect after the host restarts.
      res.write('retry: 2000\n: connected\n\n');
      const unsubscribe = events.subscribe((event, payload) => {
        res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
      req.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  };
}
