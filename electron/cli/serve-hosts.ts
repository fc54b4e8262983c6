import { createAppCore } from '../app/core';
import type { ServedCore } from '../app/headless';
import { createPgCore } from '../app/pg-core';
import { engineId } from '../store/pg/database-url';
import { connectPostgres } from './postgres-target';

/** What `serve` starts before it listens: a core to serve, what its banner prints, and how to stop. */
export interface StartedHost {
  core: ServedCore | ReturnType<typeof createAppCore>;
  /** The banner's second line: where the data is. */
  where: string;
  writeKey(): { key: string; fromEnv: boolean };
  adminToken(): { token: string; fromEnv: boolean };
  setPublicUrl(url: string): void;
  /** Printed on stderr after the banner. */
  warnings: string[];
  close(): Promise<void>;
}

/** The desktop app's engine on SQLite in a data folder. @throws when the database cannot be opened */
export function startSqliteHost(dataDir: string, resourcesDir: string): StartedHost {
  let core: ReturnType<typeof createAppCore>;
  try {
    core = createAppCore({ dataDir, resourcesDir, host: 'server' });
  } catch (error) {
    throw new Error(`data in ${dataDir}: ${(error as Error).message}`);
  }
  return {
    core,
    where: `Data: ${dataDir}`,
    writeKey: () => core.runtime.writeKey(),
    adminToken: () => core.adminToken(),
    setPublicUrl: (url) => core.runtime.setPublicUrl(url),
    warnings: [],
    close: () => core.close(),
  };
}

/**
 * One engine on a shared PostgreSQL database. `migrate`: bring the schema up to date first (under
 * its advisory lock); otherwise an older schema is refused with the command that fixes it.
 * @throws UsageError for a database that cannot be reached or has no current schema
 */
export async function startPostgresHost(
  url: string,
  options: { migrate: boolean; resourcesDir: string },
): Promise<StartedHost> {
  const id = engineId();
  const { pool, where } = await connectPostgres(url, { migrate: options.migrate, engineId: id });
  try {
    const core = await createPgCore({
      pool,
      where,
      resourcesDir: options.resourcesDir,
      engineId: id,
      sender: sendClaim(process.env),
    });
    return {
      core,
      where: `Database: ${where} (engine ${core.engineId})`,
      writeKey: () => core.writeKey(),
      adminToken: () => core.adminToken(),
      setPublicUrl: (hostUrl) => core.setHostUrl(hostUrl),
      warnings: core.mailProblem ? [`Mail is not sent by this engine: ${core.mailProblem}.`] : [],
      close: async () => {
        await core.close();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/** DRIPAGENT_SEND_CLAIM_MS: how long an engine's claim on an email lasts before another may send it. */
export const SEND_CLAIM_ENV = 'DRIPAGENT_SEND_CLAIM_MS';

/**
 * The claim on an email outlives the SMTP socket timeout by default (CLAIM_MS), so a slow server
 * never makes two engines send one email. A shorter claim (crash tests) only means an engine cut
 * off longer than it abandons its message before the final dot; dead engines' handoffs are then
 * looked for as often as claims run out.
 * @throws naming the variable when it is not a whole number of milliseconds from 500
 */
function sendClaim(env: Record<string, string | undefined>): { claimMs?: number; recoverEveryMs?: number } {
  const text = env[SEND_CLAIM_ENV]?.trim();
  if (!text) return {};
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < 500) {
    throw new Error(`${SEND_CLAIM_ENV}="${text}" must be a whole number of milliseconds, at least 500`);
  }
  return { claimMs: ms, recoverEveryMs: Math.min(ms, 10_000) };
}
