import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * node_modules holds better-sqlite3 built for Node (tests, CLI, `dripagent serve`). Electron needs
 * a build for its own ABI; `npm run build:native-electron` puts one in `<appRoot>/native/electron/`
 * without touching node_modules, so `npm test` keeps working after `npm start`.
 * @returns that file when running inside Electron and it exists; otherwise undefined (the default build)
 */
export function electronNativeBinding(
  appRoot: string,
  versions: NodeJS.ProcessVersions = process.versions,
): string | undefined {
  if (!versions.electron) return undefined;
  const file = join(appRoot, 'native', 'electron', 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}
