/** Ready-to-paste ways to send events to this DripAgent. */

/**
 * Node.js with the official Segment client, pointed here instead of at Segment.
 * @example nodeSnippet('dk_123', 'http://127.0.0.1:4010')
 */
export function nodeSnippet(writeKey: string, eventsUrl: string): string {
  return `// npm install @segment/analytics-node
import { Analytics } from '@segment/analytics-node';

const analytics = new Analytics({
  writeKey: '${writeKey}',
  host: '${eventsUrl}',
});

// When someone signs up: who they are
analytics.identify({
  userId: 'user_123',
  traits: { email: 'ada@example.com', createdAt: new Date().toISOString() },
});

// When they do something a journey listens for
analytics.track({
  userId: 'user_123',
  event: 'integration_started',
  properties: { integration_type: 'stripe' },
});`;
}

/** One event with curl: the write key is the Basic-auth user name, with no password. */
export function curlSnippet(writeKey: string, eventsUrl: string): string {
  return `curl ${eventsUrl}/v1/track \\
  -u '${writeKey}:' \\
  -H 'Content-Type: application/json' \\
  -d '{"userId": "user_123", "event": "integration_started", "properties": {"integration_type": "stripe"}}'`;
}
