import { readFileSync } from 'node:fs';
import type { UserEvent } from '../../shared/engine/types';
import { pgSuppressionHooks } from '../app/pg-suppressions';
import { systemClock } from '../engine/clock';
import { createEngine, type IngestResult } from '../engine/engine';
import { createPgEngine } from '../engine/pg-engine';
import { contentMessageId, parseSegmentEvent } from '../engine/segment';
import { openStore } from '../store';
import { resolveDataDir } from '../store/data-dir';
import { createDatabaseClock } from '../store/pg/database-clock';
import { lastFlag, parseCommandFlags } from './command';
import { csvToSegment, parseCsv } from './csv';
import { jsonLines } from './events-file';
import { commandDatabase, connectPostgres } from './postgres-target';
import { progressBar } from './progress';

const USAGE = `Usage: dripagent import FILE.jsonl|FILE.csv [--data DIR | --database-url URL] [--skip-invalid]

Imports event history (Segment track/identify objects, one per line, or CSV with a header row:
type,event,userId,timestamp,messageId and any property or trait columns). Events run through
live journeys like live ones, but emails whose time is past a journey's max lateness are skipped
as stale, so history never floods inboxes. Without --skip-invalid, a file with any bad line
imports nothing. With --database-url (or DRIPAGENT_DATABASE_URL) a postgres:// URL, the events go
into that database, as any engine on it would take them.
`;

const BATCH = 2000;

/** `dripagent import`: loads history into the data folder, with a progress bar and a summary. */
export default async function importCommand(args: string[]): Promise<number> {
  const { flags, positional } = parseCommandFlags(args, {
    values: ['data', 'database-url'],
    switches: ['skip-invalid'],
  });
  const file = positional[0];
  if (!file || flags.help) {
    process.stderr.write(USAGE);
    return file ? 0 : 1;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`${file}: ${(error as Error).message}\n`);
    return 1;
  }
  const database = commandDatabase(lastFlag(flags, 'database-url'));
  const started = Date.now();
  const raws: { line: number; raw?: unknown; error?: string }[] = file.toLowerCase().endsWith('.csv')
    ? csvToSegment(parseCsv(text))
    : jsonLines(text);
  const events: UserEvent[] = [];
  const errors: string[] = [];
  for (const { line, raw, error } of raws) {
    if (error) {
      errors.push(`line ${line}: ${error}`);
      continue;
    }
    const parsed = parseSegmentEvent(raw, line, { fallbackMessageId: (r) => contentMessageId(r) });
    if (parsed.ok) events.push(parsed.event);
    else for (const e of parsed.errors) errors.push(`line ${line}, field ${e.field}: ${e.message}`);
  }
  for (const e of errors.slice(0, 20)) process.stderr.write(`${file}: ${e}\n`);
  if (errors.length > 20) process.stderr.write(`${file}: … and ${errors.length - 20} more problems\n`);
  if (errors.length > 0 && !flags['skip-invalid']) {
    process.stderr.write(
      `Nothing imported: ${errors.length} bad line${errors.length === 1 ? '' : 's'} (fix them, or pass --skip-invalid).\n`,
    );
    return 1;
  }
  const target =
    database.kind === 'postgres' ? await postgresTarget(database.url) : sqliteTarget(lastFlag(flags, 'data'));
  try {
    events.sort((a, b) => a.timestamp - b.timestamp);
    let accepted = 0;
    let duplicates = 0;
    const progress = progressBar('events');
    for (let i = 0; i < events.length; i += BATCH) {
      const result = await target.ingest(events.slice(i, i + BATCH));
      accepted += result.accepted;
      duplicates += result.duplicates;
      progress(Math.min(events.length, i + BATCH), events.length);
    }
    await target.fireAll();
    const users = new Set(events.map((e) => e.userId).filter((id) => id !== '')).size;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `Imported ${accepted} event${accepted === 1 ? '' : 's'} for ${users} user${users === 1 ? '' : 's'} into ${target.where} in ${seconds} s` +
        ` (${duplicates} already stored${errors.length > 0 ? `, ${errors.length} bad lines skipped` : ''}).\n`,
    );
    return 0;
  } finally {
    await target.close();
  }
}

/** Where an import goes: the engine of the data folder, or an engine on a PostgreSQL database. */
interface ImportTarget {
  where: string;
  ingest(events: UserEvent[]): Promise<IngestResult>;
  /** Fires every wake-up due now (history's wake-ups that came due). */
  fireAll(): Promise<void>;
  close(): Promise<void>;
}

function sqliteTarget(dataFlag: string | undefined): ImportTarget {
  const dataDir = resolveDataDir(dataFlag);
  const store = openStore(dataDir, { backgroundCheckpoints: true });
  const engine = createEngine({ store, clock: systemClock });
  return {
    where: dataDir,
    ingest: async (events) => engine.ingest(events),
    fireAll: async () => {
      while (engine.fireDue() > 0) {}
    },
    close: async () => store.close(),
  };
}

async function postgresTarget(url: string): Promise<ImportTarget> {
  const { pool, where } = await connectPostgres(url, { migrate: true });
  const clock = await createDatabaseClock(pool);
  const engine = await createPgEngine({ pool, clock, batchHooks: pgSuppressionHooks(clock) });
  return {
    where,
    ingest: (events) => engine.ingest(events),
    fireAll: async () => {
      while ((await engine.fireDue()) > 0) {}
    },
    close: async () => {
      clock.stop();
      await pool.end();
    },
  };
}
