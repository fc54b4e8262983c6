import { expect, test } from 'vitest';
import { createWorkerQueue } from '../../electron/api/worker-queue';

test('on the calling thread, asynchronous requests still run one at a time, in order', async () => {
  const log: string[] = [];
  const queue = createWorkerQueue<string, string>({
    start: () => {
      throw new Error('no worker here');
    },
    inline: async (name) => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push(`end ${name}`);
      return name.toUpperCase();
    },
    fallbackWarning: 'test:',
    forceInline: true,
  });
  expect(await Promise.all([queue.run('a'), queue.run('b'), queue.run('c')])).toEqual(['A', 'B', 'C']);
  expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
});
