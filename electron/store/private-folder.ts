import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The data folder holds every profile, the write key, the admin token and the unsubscribe signing
 * secret: only its owner may read it. New folders are created 0700 and the database files 0600;
 * an existing folder or file that others can read is tightened when it is opened, and that is
 * said once (it stays tight afterwards). Windows has no such modes: nothing to do there.
 */
export interface PrivacyReport {
  /** Paths that were readable by others and were tightened. */
  tightened: string[];
}

const LOOSE = 0o077;

function tighten(path: string, mode: number, report: PrivacyReport): void {
  if (!existsSync(path)) return;
  const current = statSync(path).mode & 0o777;
  if ((current & LOOSE) === 0) return;
  chmodSync(path, mode);
  report.tightened.push(path);
}

/** Creates the folder if needed and makes it private. Call before opening the database. */
export function preparePrivateFolder(dataDir: string, databaseFile: string): PrivacyReport {
  const report: PrivacyReport = { tightened: [] };
  if (process.platform === 'win32') {
    mkdirSync(dataDir, { recursive: true });
    return report;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  tighten(dataDir, 0o700, report);
  // SQLite creates the database with the process umask (often 0644), and its -wal and -shm files
  // with the database's own mode: creating the file 0600 first makes all three private.
  if (!existsSync(databaseFile)) closeSync(openSync(databaseFile, 'a', 0o600));
  for (const file of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) tighten(file, 0o600, report);
  return report;
}

/** Tightens files SQLite may have created since (the -wal and -shm of a fresh database). */
export function tightenDatabaseFiles(databaseFile: string): PrivacyReport {
  const report: PrivacyReport = { tightened: [] };
  if (process.platform === 'win32') return report;
  for (const file of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) tighten(file, 0o600, report);
  return report;
}

export const describeTightened = (report: PrivacyReport, dataDir: string) =>
  `DripAgent made its data folder private (only your user can read it): ${report.tightened
    .map((p) => (p === dataDir ? p : join('…', p.slice(dataDir.length))))
    .join(', ')}. It holds profiles and secrets and was readable by other users.`;
