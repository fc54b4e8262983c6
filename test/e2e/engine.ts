import type { DripAgentServer } from './fixtures';

/** Calls the host's API over HTTP, as the renderer does in a browser. */
export async function callApi<T>(server: DripAgentServer, name: string, args: unknown = {}): Promise<T> {
  const response = await fetch(`${server.url}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify(args),
  });
  const body = (await response.json()) as { ok: boolean; result?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${name} failed: ${body.error?.message}`);
  return body.result as T;
}

/** The write key the host prints at start and shows in Settings. */
export async function writeKeyOf(server: DripAgentServer): Promise<string> {
  return (await callApi<{ writeKey: string }>(server, 'engine.status')).writeKey;
}

/** Posts a Segment batch to `/v1/batch` with real HTTP and Basic auth, as a product's backend would. */
export async function postBatch(server: DripAgentServer, batch: object[]): Promise<Response> {
  const key = await writeKeyOf(server);
  return fetch(`${server.url}/v1/batch`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
    },
    body: JSON.stringify({ batch }),
  });
}

/**
 * A new user signs up and starts an integration: an identify with email and createdAt now, then
 * integration_started. With the seed journey live, this sends its first email at once.
 */
export async function startIntegration(
  server: DripAgentServer,
  user: { userId: string; email: string; name?: string; integration?: string },
): Promise<void> {
  const now = new Date().toISOString();
  const response = await postBatch(server, [
    {
      type: 'identify',
      userId: user.userId,
      timestamp: now,
      traits: { email: user.email, createdAt: now, ...(user.name ? { name: user.name } : {}) },
    },
    {
      type: 'track',
      userId: user.userId,
      event: 'integration_started',
      timestamp: now,
      properties: { integration_type: user.integration ?? 'stripe' },
    },
  ]);
  if (response.status !== 200) throw new Error(`/v1/batch answered ${response.status}: ${await response.text()}`);
}

export const SETUP_SUBJECT = 'Finish connecting your data source in 5 minutes';
