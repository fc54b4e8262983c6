import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface DataDirEnvironment {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  home: string;
}

const current = (): DataDirEnvironment => ({ env: process.env, platform: process.platform, home: homedir() });

/**
 * Where DripAgent keeps its database: `--data DIR`, else `DRIPAGENT_DATA_DIR`, else the OS's
 * app-data folder. The desktop app and `dripagent serve` use the same rule, so they share data.
 * @example resolveDataDir(undefined, { env: {}, platform: 'linux', home: '/home/ada' }) // '/home/ada/.config/DripAgent'
 */
export function resolveDataDir(flag?: string, environment: DataDirEnvironment = current()): string {
  const chosen = flag ?? environment.env.DRIPAGENT_DATA_DIR;
  if (chosen) return resolve(chosen);
  const { env, platform, home } = environment;
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'DripAgent');
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'DripAgent');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'DripAgent');
  }
}
