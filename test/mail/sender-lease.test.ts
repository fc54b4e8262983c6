import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createSenderLease } from '../../electron/mail/outbox/sender-lease';
import { tempStore } from './fixtures';

let data: ReturnType<typeof tempStore>;
beforeEach(() => {
  data = tempStore();
});
afterEach(() => data.cleanup());

const leaseOf = () => createSenderLease(data.store.meta, data.store.transaction);
const writeLease = (pid: number, until: number) =>
  data.store.meta.set('mail.sender_lease', JSON.stringify({ owner: 'someone-else', host: hostname(), pid, until }));

describe('one sender per data folder', () => {
  test('the first sender takes the lease and a second one on the same folder does not', () => {
    const first = leaseOf();
    const second = leaseOf();
    expect(first.hold()).toBe(true);
    expect(second.hold()).toBe(false);
    first.release();
    expect(second.hold()).toBe(true);
  });

  test("a live process's unexpired lease is respected", () => {
    writeLease(process.ppid, Date.now() + 30_000);
    expect(leaseOf().hold()).toBe(false);
  });

  test('an expired lease is taken over', () => {
    writeLease(process.ppid, Date.now() - 1);
    expect(leaseOf().hold()).toBe(true);
  });

  test('the lease of a process that died on this machine is taken over at once (after a crash or SIGKILL)', () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeLease(dead, Date.now() + 30_000);
    expect(leaseOf().hold()).toBe(true);
  });
});
