import type { DeliveryResult } from './delivery-result';

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** The outbox key: sent as `Idempotency-Key` so a receiver can drop a retry it already handled. */
  key: string;
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/** 408 and 429 mean "later"; other 4xx mean the request itself is wrong and will stay wrong. */
const RETRYABLE_CLIENT_STATUS = new Set([408, 425, 429]);

/**
 * POSTs one webhook. 2xx is delivered; 5xx, 408/429, network errors and timeouts are transient;
 * other statuses (and redirects, which are not followed) are permanent.
 * @example await postWebhook({ url, body: '{}', headers: {}, key: 'run:node:1' }, 10_000) // { outcome: 'sent' }
 */
export async function postWebhook(
  request: WebhookRequest,
  timeoutMs = DEFAULT_WEBHOOK_TIMEOUT_MS,
  /** Aborts the request early, e.g. when the app quits. */
  cancel?: AbortSignal,
): Promise<DeliveryResult> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { outcome: 'permanent', error: `Invalid webhook URL "${request.url}"` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { outcome: 'permanent', error: `Webhook URLs must be http or https, not ${url.protocol}` };
  }
  const headers = new Headers({ 'content-type': 'application/json', 'user-agent': 'DripAgent' });
  for (const [name, value] of Object.entries(request.headers)) headers.set(name, value);
  if (!headers.has('idempotency-key')) headers.set('idempotency-key', request.key);
  // A plain timer, not AbortSignal.timeout + AbortSignal.any: Node 20 can collect the timeout
  // signal inside any() before it fires, and the request then waits forever.
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, timeoutMs);
  const onCancel = () => abort.abort();
  cancel?.addEventListener('abort', onCancel, { once: true });
  try {
    const response = await fetch(url, {
      method: 'POST',
      body: request.body,
      headers,
      redirect: 'manual',
      signal: abort.signal,
    });
    if (response.ok) {
      await response.body?.cancel();
      return { outcome: 'sent' };
    }
    const snippet = (await response.text().catch(() => '')).slice(0, 200).trim();
    const error = `HTTP ${response.status}${snippet ? `: ${snippet}` : ''}`;
    const transient = response.status >= 500 || RETRYABLE_CLIENT_STATUS.has(response.status);
    return { outcome: transient ? 'transient' : 'permanent', error };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    if (timedOut) return { outcome: 'transient', error: `No answer within ${timeoutMs} ms` };
    if (cancel?.aborted) return { outcome: 'transient', error: 'Cancelled before the webhook answered' };
    const cause = e.cause?.code ?? e.cause?.message;
    return { outcome: 'transient', error: `${e.message}${cause ? ` (${cause})` : ''}` };
  } finally {
    clearTimeout(timer);
    cancel?.removeEventListener('abort', onCancel);
  }
}
