import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE_NAME, openStore, type Store } from '../store';
import { resolveDataDir } from '../store/data-dir';
import { missingDataMessage } from '../store/read-only-store';
import { UsageError } from './command';

/**
 * The data folder a report reads, which must already hold DripAgent's database: a mistyped
 * `--data` says so instead of creating an empty folder and reporting zeros.
 */
export function openExistingStore(dataFlag: string | undefined): Store {
  const dir = resolveDataDir(dataFlag);
  if (!existsSync(join(dir, DATABASE_FILE_NAME))) {
    throw new UsageError(`${missingDataMessage(dir)}: check --data`);
  }
  try {
    return openStore(dir);
  } catch (error) {
    throw new UsageError(`could not open the data in ${dir}: ${(error as Error).message}`);
  }
}
