import { fileURLToPath } from 'node:url';
import { isLoopback } from '../api/http/host';
import { type HostPolicy, hostPolicyFromEnv } from '../api/http/host-policy';
import { startHeadlessHost } from '../app/headless';
import { resolveDataDir } from '../store/data-dir';
import { lastFlag, parseCommandFlags, UsageError } from './command';
import { commandDatabase } from './postgres-target';
import { type StartedHost, startPostgresHost, startSqliteHost } from './serve-hosts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const USAGE = `Usage: dripagent serve [--port 4010] [--host 127.0.0.1] [--data DIR]
                       [--allowed-hosts a,b] [--trust-proxy]
                       [--database-url postgres://… [--no-migrate]]

Runs the headless host: the same engine and API as the desktop app, with the built
interface at http://HOST:PORT/. --port 0 picks a free port. Data defaults to
DRIPAGENT_DATA_DIR or the OS's app-data folder.

With --database-url (or DRIPAGENT_DATABASE_URL) a postgres:// URL, this is one engine of
several on that database: any engine takes any event, fires any wake-up and sends any email,
once. It brings the schema up to date first unless --no-migrate (rolling deploys: run
\`dripagent migrate\` once, then start engines with --no-migrate). Mail goes to
DRIPAGENT_SMTP_URL. DRIPAGENT_ENGINE_ID names the engine, DRIPAGENT_DB_POOL_SIZE (10) its
connections.

The interface and API need the admin token (DRIPAGENT_ADMIN_TOKEN, else generated once and
kept in the data folder or the database): open the printed link, or send "Authorization:
Bearer TOKEN". Requests must name localhost, an IP address, DRIPAGENT_PUBLIC_URL's host or a
host given with --allowed-hosts (or DRIPAGENT_ALLOWED_HOSTS). --trust-proxy trusts
X-Forwarded-Host/-Proto from a reverse proxy in front of this host.
`;

function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** `dripagent serve`: runs until SIGINT/SIGTERM, then closes the host and the database cleanly. */
export default async function serve(args: string[]): Promise<number> {
  const { flags } = parseCommandFlags(args, {
    values: ['data', 'host', 'port', 'allowed-hosts', 'database-url'],
    switches: ['trust-proxy', 'no-migrate'],
  });
  if (flags.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const portText = lastFlag(flags, 'port') ?? '4010';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    process.stderr.write(`--port must be a number from 0 to 65535, not "${portText}".\n`);
    return 2;
  }
  const host = lastFlag(flags, 'host') ?? '127.0.0.1';
  const resourcesDir = `${REPO_ROOT}resources`;
  let policy: HostPolicy;
  try {
    policy = hostPolicyFromEnv(process.env, {
      allowedHosts: lastFlag(flags, 'allowed-hosts'),
      trustProxy: flags['trust-proxy'] !== undefined,
    });
  } catch (error) {
    process.stderr.write(`--allowed-hosts / DRIPAGENT_ALLOWED_HOSTS: ${(error as Error).message}\n`);
    return 2;
  }

  const database = commandDatabase(lastFlag(flags, 'database-url'));
  if (database.kind === 'sqlite' && flags['no-migrate'] !== undefined) {
    throw new UsageError('--no-migrate is for PostgreSQL (--database-url): SQLite is migrated as it opens.');
  }
  let started: StartedHost;
  try {
    started =
      database.kind === 'postgres'
        ? await startPostgresHost(database.url, { migrate: flags['no-migrate'] === undefined, resourcesDir })
        : startSqliteHost(resolveDataDir(lastFlag(flags, 'data')), resourcesDir);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    process.stderr.write(`DripAgent could not start: ${(error as Error).message}\n`);
    return 1;
  }

  let server: Awaited<ReturnType<typeof startHeadlessHost>>;
  try {
    server = await startHeadlessHost({
      core: started.core,
      rendererDir: `${REPO_ROOT}dist/renderer`,
      host,
      port,
      policy,
    });
  } catch (error) {
    await started.close();
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${port} is already in use (pass --port 0 to pick a free one)`
        : (error as Error).message;
    process.stderr.write(`DripAgent could not listen on ${host}:${port}: ${reason}\n`);
    return 1;
  }

  // Listen for the stop signal before saying we are ready: a script that stops the server as soon
  // as it reads the banner must get a clean shutdown, not Node's default exit on SIGTERM.
  const stopSignal = waitForStopSignal();
  started.setPublicUrl(server.url);
  const writeKey = started.writeKey();
  const admin = started.adminToken();
  // Tests and scripts read these exact lines to find the URL and the access link: keep their format.
  process.stdout.write(`DripAgent is ready at ${server.url}\n${started.where}\n`);
  process.stdout.write(
    `Open: ${server.url}/?token=${encodeURIComponent(admin.token)}${admin.fromEnv ? ' (token from DRIPAGENT_ADMIN_TOKEN)' : ''}\n`,
  );
  process.stdout.write(
    `Events: POST ${server.url}/v1/track, /v1/identify, /v1/batch (Segment-compatible)\nWrite key: ${writeKey.key}${writeKey.fromEnv ? ' (from DRIPAGENT_WRITE_KEY)' : ''}\n`,
  );
  for (const warning of started.warnings) process.stderr.write(`${warning}\n`);
  if (!isLoopback(host)) {
    process.stderr.write(
      `Listening on ${host}: the API needs the admin token, the tracking API its write key. Put TLS in front (a reverse proxy with --trust-proxy) before exposing it beyond a private network.\n`,
    );
  }

  const signal = await stopSignal;
  process.stdout.write(`Stopping DripAgent (${signal})…\n`);
  await server.close();
  await started.close();
  return 0;
}
