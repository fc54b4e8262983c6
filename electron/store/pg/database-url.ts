import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** The PostgreSQL schema DripAgent keeps its tables in. */
export const PG_SCHEMA = 'dripagent';

/** Where a command's data lives: the SQLite file in the data folder, or a PostgreSQL database. */
export type DatabaseTarget = { kind: 'sqlite' } | { kind: 'postgres'; url: string };

export interface DatabaseEnvironment {
  DRIPAGENT_DATABASE_URL?: string;
  DRIPAGENT_ENGINE_ID?: string;
  DRIPAGENT_DB_POOL_SIZE?: string;
}

/**
 * `--database-url URL` wins over `DRIPAGENT_DATABASE_URL`; a `postgres://` (or `postgresql://`)
 * URL selects PostgreSQL, none keeps SQLite in the data folder.
 * @throws with what is wrong when the URL is given but is not a PostgreSQL one
 */
export function databaseTarget(flag: string | undefined, env: DatabaseEnvironment = process.env): DatabaseTarget {
  const given = flag ?? env.DRIPAGENT_DATABASE_URL?.trim();
  const source = flag !== undefined ? '--database-url' : 'DRIPAGENT_DATABASE_URL';
  if (given === undefined || given === '') return { kind: 'sqlite' };
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new Error(`${source} is not a URL: give postgres://USER:PASSWORD@HOST:PORT/DATABASE`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(
      `${source} must be a postgres:// URL (got ${url.protocol}//…); without it DripAgent uses SQLite in the data folder`,
    );
  }
  if (url.hostname === '' && !url.searchParams.has('host')) {
    throw new Error(`${source} names no host: give postgres://USER:PASSWORD@HOST:PORT/DATABASE`);
  }
  return { kind: 'postgres', url: given };
}

/** The URL without its password, to print. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return `${parsed.toString()} (schema ${PG_SCHEMA})`;
  } catch {
    return 'the database URL';
  }
}

/** `DRIPAGENT_ENGINE_ID`, or host:pid:random, naming this engine in the database (leases, connections). */
export function engineId(env: DatabaseEnvironment = process.env): string {
  const given = env.DRIPAGENT_ENGINE_ID?.trim();
  if (given) return given;
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** `DRIPAGENT_DB_POOL_SIZE` (10): connections each engine keeps open to PostgreSQL. */
/** The fewest connections an engine works with (see poolSize). */
export const MIN_POOL_SIZE = 4;

export function poolSize(env: DatabaseEnvironment = process.env): number {
  const given = env.DRIPAGENT_DB_POOL_SIZE?.trim();
  if (given === undefined || given === '') return 10;
  const size = Number(given);
  // An engine keeps one connection for LISTEN, and a report or a replay holds one for its snapshot
  // while the engine goes on: with fewer than 4, they wait on each other.
  if (!Number.isInteger(size) || size < MIN_POOL_SIZE || size > 1000) {
    throw new Error(`DRIPAGENT_DB_POOL_SIZE must be a whole number from ${MIN_POOL_SIZE} to 1000 (got "${given}")`);
  }
  return size;
}
