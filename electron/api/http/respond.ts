import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiErrorCode, ApiResult } from '../../../shared/api/errors';

/** HTTP status for each refusal, so plain HTTP clients (curl, monitoring) see the right class. */
export const STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  unknown_handler: 404,
  invalid_payload: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthorized: 401,
  handler_error: 500,
  transport_error: 502,
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

export function sendResult(res: ServerResponse, outcome: ApiResult<unknown>): void {
  sendJson(res, outcome.ok ? 200 : STATUS_BY_CODE[outcome.error.code], outcome);
}

export function sendError(
  res: ServerResponse,
  code: ApiErrorCode,
  message: string,
  status = STATUS_BY_CODE[code],
): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

export class BodyTooLargeError extends Error {}

/**
 * Reads the whole body as text, refusing more than `limit` bytes. A refused body is left unread, so
 * the answer to it (`res`) closes the connection: the rest of the body must not be read as the
 * keep-alive connection's next request.
 */
export async function readBody(req: IncomingMessage, limit: number, res: ServerResponse): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      res.shouldKeepAlive = false;
      throw new BodyTooLargeError(`The request body is larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
