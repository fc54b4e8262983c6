import { describe, expect, test } from 'vitest';
import { resolveDataDir } from '../../electron/store/data-dir';

const on = (platform: NodeJS.Platform, env: Record<string, string> = {}) => ({ env, platform, home: '/home/ada' });

describe('data folder', () => {
  test('is the OS app-data folder by default', () => {
    expect(resolveDataDir(undefined, on('linux'))).toBe('/home/ada/.config/DripAgent');
    expect(resolveDataDir(undefined, on('darwin'))).toBe('/home/ada/Library/Application Support/DripAgent');
    expect(resolveDataDir(undefined, on('win32', { APPDATA: '/roaming' }))).toMatch(/roaming[\\/]DripAgent$/);
  });

  test('follows XDG_CONFIG_HOME on Linux', () => {
    expect(resolveDataDir(undefined, on('linux', { XDG_CONFIG_HOME: '/xdg' }))).toBe('/xdg/DripAgent');
  });

  test('DRIPAGENT_DATA_DIR overrides the default and --data overrides both', () => {
    const env = on('linux', { DRIPAGENT_DATA_DIR: '/srv/drip' });
    expect(resolveDataDir(undefined, env)).toBe('/srv/drip');
    expect(resolveDataDir('/tmp/flag', env)).toBe('/tmp/flag');
  });
});
