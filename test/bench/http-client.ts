import { createInterface } from 'node:readline';
import type { UserEvent } from '../../shared/engine/types';
import { generateEvents } from './ingest-data';

/**
 * The ingest bench's HTTP client, in its own process so that building and sending requests does
 * not take CPU from the server being measured. Usage: node --import tsx http-client.ts URLS AUTH COUNT START [MODE].
 * Prints "ready" once the bodies are built, posts them when a line arrives on stdin, then prints
 * {"seconds"}. Sends /v1/batch requests of 500 events (about Segment's 500 KB) from 4 concurrent
 * clients per URL; several comma-separated URLs take turns, as behind a round-robin load balancer.
 * MODE `mix` (default): generateEvents' realistic mix; `timers`: COUNT users each sending one
 * `bench_wait` at START (the cluster bench's timer journey).
 */
const [urlList = '', auth = '', countText = '100000', startText = '0', mode = 'mix'] = process.argv.slice(2);
const urls = urlList.split(',');
const count = Number(countText);
const start = Number(startText);
const events: UserEvent[] =
  mode === 'timers'
    ? Array.from({ length: count }, (_, i) => ({
        type: 'track' as const,
        event: 'bench_wait',
        userId: `timer-${i}`,
        properties: {},
        timestamp: start,
        messageId: `timer-${i}`,
      }))
    : generateEvents(count, start, 3_600_000);
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
  const began = performance.now();
  const worker = async () => {
    while (next < bodies.length) {
      const index = next++;
      const body = bodies[index];
      const res = await fetch(urls[index % urls.length] as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: auth },
        body,
      });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 4 * urls.length }, worker));
  console.log(JSON.stringify({ seconds: (performance.now() - began) / 1000, events: events.length }));
  lines.close();
});
