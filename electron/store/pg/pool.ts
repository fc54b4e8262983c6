import pg from 'pg';
import { PG_SCHEMA } from './database-url';

export interface PostgresOptions {
  /** Connections kept open (DRIPAGENT_DB_POOL_SIZE). */
  size: number;
  /** Shown as the connections' application_name (DRIPAGENT_ENGINE_ID). */
  engineId: string;
}

/**
 * Session settings for every connection. A crashed or stalled engine must not hold users' rows:
 * a transaction left idle is ended by the server, a lock waited on too long fails (and the call
 * is retried), and TCP keepalives find a peer that vanished without closing its socket.
 */
const SESSION = [
  `search_path=${PG_SCHEMA}`,
  'idle_in_transaction_session_timeout=30000',
  'lock_timeout=10000',
  'statement_timeout=120000',
  'tcp_keepalives_idle=30',
  'tcp_keepalives_interval=10',
  'tcp_keepalives_count=3',
];

/** Milliseconds and ids are BIGINT: read as numbers (they stay far below 2^53), not strings. */
const BIGINT_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === BIGINT_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A pool of connections to the database at `url`, with DripAgent's session settings. */
export function openPostgres(url: string, options: PostgresOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.size,
    application_name: `dripagent ${options.engineId}`.slice(0, 63),
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    connectionTimeoutMillis: 10_000,
    types,
    options: SESSION.map((setting) => `-c ${setting}`).join(' '),
  });
  // An idle connection the server closed (a restart, a timeout) is dropped from the pool and
  // replaced on the next query; unhandled, the error would end the process.
  pool.on('error', () => {});
  // So would an error on a connection in use (the server ending a transaction left idle too long):
  // the query in flight fails with it, its transaction is retried or reported, and the broken
  // connection is released as broken and never handed out again.
  pool.on('connect', (client) => {
    client.on('error', (error) => console.error(`A database connection failed: ${error.message}`));
  });
  return pool;
}
