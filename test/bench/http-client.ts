import { createInterface } from 'node:readline';
import { generateEvents } from './ingest-data';

/**
 * The ingest bench's HTTP client, in its own process so that building and sending requests does
 * not take CPU from the server being measured. Usage: node --import tsx http-client.ts URL AUTH COUNT START.
 * Prints "ready" once the bodies are built, posts them when a line arrives on stdin, then prints
 * {"seconds"}. Sends /v1/batch requests of 500 events (about Segment's 500 KB) from 4 concurrent clients.
 */
const [url = '', auth = '', countText = '100000', startText = '0'] = process.argv.slice(2);
const events = generateEvents(Number(countText), Number(startText), 3_600_000);
const bodies: string[] = [];
for (let i = 0; i < events.length; i += 500) {
  bodies.push(
    JSON.stringify({
      batch: events.slice(i, i + 500).map((e) =>
        e.type === 'track'
          ? {
              type: 'track',
              event: e.event,
              userId: e.userId,
              properties: e.properties,
              timestamp: new Date(e.timestamp).toISOString(),
              messageId: e.messageId,
            }
          : {
              type: 'identify',
              userId: e.userId,
              traits: e.traits,
              timestamp: new Date(e.timestamp).toISOString(),
              messageId: e.messageId,
            },
      ),
    }),
  );
}
console.log('ready');
const lines = createInterface({ input: process.stdin });
lines.once('line', async () => {
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: auth },
        body,
      });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  console.log(JSON.stringify({ seconds: (performance.now() - start) / 1000, events: events.length }));
  lines.close();
});
