import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { openStore } from '../../electron/store';
import { tempDataDir } from '../store/fixtures';

const mode = (path: string) => statSync(path).mode & 0o777;

let temp: ReturnType<typeof tempDataDir>;
beforeEach(() => {
  temp = tempDataDir();
});
afterEach(() => {
  vi.restoreAllMocks();
  temp.cleanup();
});

describe.runIf(process.platform !== 'win32')('the data folder is private', () => {
  test('a new folder is 0700 and the database, its WAL and shared memory are 0600', () => {
    const dir = join(temp.dir, 'new', 'data');
    const store = openStore(dir);
    try {
      store.meta.set('write_key', 'k');
      expect(mode(dir)).toBe(0o700);
      for (const name of ['dripagent.db', 'dripagent.db-wal', 'dripagent.db-shm']) {
        expect(existsSync(join(dir, name))).toBe(true);
        expect({ name, mode: mode(join(dir, name)) }).toEqual({ name, mode: 0o600 });
      }
    } finally {
      store.close();
    }
  });

  test('an existing folder others can read is tightened on start, and that is said once', () => {
    const dir = join(temp.dir, 'old');
    mkdirSync(dir);
    openStore(dir).close();
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'dripagent.db'), 0o644);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    openStore(dir).close();
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'dripagent.db'))).toBe(0o600);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/made its data folder private/);
    openStore(dir).close();
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
