import { HTTP_PATHS } from '../../../shared/api/channels';
import type { HandlerRegistry } from '../registry';
import { requestHostHeader, requestProtocol } from './host-policy';
import { BodyTooLargeError, readBody, sendError, sendResult } from './respond';
import type { Route, RouteContext } from './router';

/** Journey files carry their email templates; 10 MB is far above any real one. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * A browser on another site may POST to our loopback port. Requiring a JSON content type forces
 * a CORS preflight (which we never approve), and an Origin, when sent, must be our own.
 */
function refuseForeignCaller({ req, res, policy }: RouteContext): boolean {
  const origin = req.headers.origin;
  if (origin && origin !== `${requestProtocol(req, policy)}://${requestHostHeader(req, policy)}`) {
    sendError(res, 'forbidden', `Calls from ${origin} are not allowed`);
    return true;
  }
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    sendError(res, 'invalid_payload', 'Send the arguments as JSON with "content-type: application/json"', 415);
    return true;
  }
  return false;
}

/** `POST /api/:name`: the same dispatch as IPC, the `ApiResult` as the body. */
export function apiRoutes(registry: HandlerRegistry): Route[] {
  return [
    {
      method: 'POST',
      path: `${HTTP_PATHS.callPrefix}:name`,
      async handle(context) {
        if (refuseForeignCaller(context)) return;
        const { req, res, params } = context;
        let text: string;
        try {
          text = await readBody(req, MAX_BODY_BYTES, res);
        } catch (error) {
          if (error instanceof BodyTooLargeError) return sendError(res, 'invalid_payload', error.message, 413);
          throw error;
        }
        let args: unknown;
        try {
          args = text.trim() === '' ? undefined : JSON.parse(text);
        } catch (error) {
          return sendError(res, 'invalid_payload', `The body is not JSON: ${(error as Error).message}`);
        }
        let name: string;
        try {
          name = decodeURIComponent(params.name ?? '');
        } catch {
          return sendError(res, 'unknown_handler', 'The handler name is not valid percent-encoding');
        }
        sendResult(res, await registry.dispatch(name, args, { transport: 'http' }));
      },
    },
  ];
}
