import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL server for tests: Debian's `postgresql` package (`.ci/run` installs it) on a
 * temporary data directory and a free port on 127.0.0.1, no container. `initdb` refuses to run
 * as root, so as root the server runs as the `postgres` user (`runuser`). Never skipped: a
 * machine without the package fails these tests with the reason.
 */
export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`: the server's maintenance database. */
  adminUrl: string;
  /** A new, empty database on this server; returns its URL. */
  createDatabase(): Promise<string>;
  /** The server's main process (its CPU time includes its finished backends'). */
  postmasterPid(): number;
  stop(): void;
}

export interface PostgresOptions {
  /**
   * Server settings instead of the tests' `fsync=off`: benchmarks run durable (fsync on) with
   * `synchronous_commit=off`, as SQLite's WAL with synchronous=NORMAL is.
   */
  settings?: string[];
}

function postgresBin(name: string): string {
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const path = `/usr/lib/postgresql/${version}/bin/${name}`;
    if (existsSync(path)) return path;
  }
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  throw new Error(
    `PostgreSQL's ${name} was not found: install Debian's postgresql package (apt-get install postgresql; .ci/run does)`,
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL program as the user the server runs as. */
function runAsServerUser(bin: string, args: string[]): void {
  if (isRoot()) execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe' });
  else execFileSync(bin, args, { stdio: 'pipe' });
}

let databases = 0;

export async function startPostgres(startOptions: PostgresOptions = {}): Promise<TestPostgres> {
  const initdb = postgresBin('initdb');
  const pgCtl = postgresBin('pg_ctl');
  const dir = mkdtempSync(join(tmpdir(), 'dripagent-pg-'));
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  runAsServerUser(initdb, ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  // Durability is not what these tests are about: fsync off keeps the suite quick.
  const settings = (startOptions.settings ?? ['fsync=off']).map((setting) => `-c ${setting}`).join(' ');
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${settings} -c max_connections=200`;
  runAsServerUser(pgCtl, ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    adminUrl,
    async createDatabase() {
      databases++;
      const name = `dripagent_test_${process.pid}_${databases}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    postmasterPid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        runAsServerUser(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
