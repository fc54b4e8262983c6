import { closeSync, existsSync, openSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE_NAME } from '../store';
import { resolveDataDir } from '../store/data-dir';
import { lastFlag, parseCommandFlags } from './command';

const USAGE = `Usage: dripagent backup FILE [--data DIR] [--force]

Writes a consistent copy of the data folder's database to FILE while DripAgent may be running
(SQLite's online backup: readers and writers carry on). The copy holds profiles and secrets, so
it is created readable by your user only. --force replaces an existing FILE.
To restore: stop DripAgent, put the copy in the data folder as ${DATABASE_FILE_NAME} (remove any
${DATABASE_FILE_NAME}-wal and -shm there), and start it again.
`;

/** `dripagent backup FILE [--data DIR]`: an online copy of the database, checked before it is reported. */
export default async function backup(args: string[]): Promise<number> {
  const { flags, positional } = parseCommandFlags(args, { values: ['data'], switches: ['force'] });
  if (flags.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const target = positional[0];
  if (!target) {
    process.stderr.write(USAGE);
    return 1;
  }
  const destination = resolve(target);
  const source = join(resolveDataDir(lastFlag(flags, 'data')), DATABASE_FILE_NAME);
  if (!existsSync(source)) {
    process.stderr.write(`There is no DripAgent database at ${source} (use --data DIR).\n`);
    return 1;
  }
  if (existsSync(destination)) {
    if (!flags.force) {
      process.stderr.write(`${destination} already exists: choose another file, or pass --force to replace it.\n`);
      return 1;
    }
    if (statSync(destination).isDirectory()) {
      process.stderr.write(`${destination} is a folder: name the backup file inside it.\n`);
      return 1;
    }
  }
  try {
    if (flags.force) rmSync(destination, { force: true });
    // Created private first: the backup writes into it and keeps its mode.
    closeSync(openSync(destination, 'wx', 0o600));
  } catch (error) {
    process.stderr.write(`Cannot create ${destination}: ${(error as Error).message}\n`);
    return 1;
  }
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // All remaining pages in one step: one read snapshot, so a writer in another process cannot
    // make the copy start over again and again.
    await db.backup(destination, { progress: () => 1_000_000 });
  } catch (error) {
    rmSync(destination, { force: true });
    process.stderr.write(`The backup failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    db.close();
  }
  const copy = new Database(destination);
  try {
    // A single self-contained file (no -wal or -shm beside it); DripAgent turns WAL back on when it opens it.
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') {
      process.stderr.write(`The copy at ${destination} failed its integrity check: ${check}\n`);
      return 1;
    }
    const events = copy.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    const megabytes = (statSync(destination).size / 1024 / 1024).toFixed(1);
    process.stdout.write(
      `Backed up ${source} to ${destination} (${megabytes} MB, ${events.n} events, integrity ok).\n`,
    );
    return 0;
  } finally {
    copy.close();
  }
}
